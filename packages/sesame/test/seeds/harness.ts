/**
 * The seed articles' apps, twice: as written for next-auth (the reference, the real package) and with only
 * their import specifiers changed to Sesame's. `apps/<seed>` holds the app as the article writes it;
 * `prepareSeedApp` copies it to `.build/<seed>-<library>` (git-ignored), rewrites the specifiers for the
 * Sesame copy, and for an Auth.js v5 article links the real next-auth 5 into the copy's `node_modules`
 * (the workspace root's `next-auth` is version 4). `startSeedApp` then builds the copy with `next build`,
 * which type-checks it, and serves it with `next start`.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { startNextApp, type NextAppOptions, type NextServer } from "../next/next-server.js";

export type Library = "next-auth" | "sesame";
export const LIBRARIES: readonly Library[] = ["next-auth", "sesame"];

const appsDir = fileURLToPath(new URL("./apps", import.meta.url));
const buildDir = fileURLToPath(new URL("./.build", import.meta.url));
const workspaceRoot = fileURLToPath(new URL("../../../..", import.meta.url));
/** Auth.js v5, as the bench app installs it (the root's `next-auth` is next-auth 4). */
const nextAuth5 = join(workspaceRoot, "apps/bench/next-auth/node_modules/next-auth");

/** next-auth's module → Sesame's, the table of docs/migration.md. */
export function sesameSpecifier(specifier: string): string {
  if (specifier === "next-auth") return "sesame-auth/next";
  const subpath = /^next-auth\/(react|jwt|middleware|providers\/[\w-]+)$/.exec(specifier)?.[1];
  if (!subpath) throw new Error(`no Sesame module for ${specifier}: add it to the table`);
  return `sesame-auth/${subpath}`;
}

/**
 * Every module specifier in a source file: `from "…"`, `import "…"`, `import("…")`, `declare module "…"`.
 * The rewrite touches these string literals and nothing else.
 */
const SPECIFIER = /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|\bdeclare\s+module\s+)(["'])(next-auth(?:\/[^"']*)?)\2/g;

/** The article's source with only its next-auth specifiers replaced by Sesame's. */
export function withSesameSpecifiers(source: string): string {
  return source.replace(SPECIFIER, (_, lead: string, quote: string, specifier: string) => `${lead}${quote}${sesameSpecifier(specifier)}${quote}`);
}

/** The next-auth specifiers a source file imports, in order. */
export function nextAuthSpecifiers(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((match) => match[3]!);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" || name === ".next" ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

export interface SeedApp {
  /** The article's app directory, `apps/<seed>`. */
  source: string;
  /** The copy that is built, `.build/<seed>-<library>`. */
  dir: string;
}

/** Copies `apps/<seed>` for one library; `nextAuth` is the generation the article writes for. */
export function prepareSeedApp(seed: string, library: Library, nextAuth: 4 | 5): SeedApp {
  const source = join(appsDir, seed);
  const dir = join(buildDir, `${seed}-${library}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(source, dir, { recursive: true, filter: (path) => !/[/\\](node_modules|\.next)$/.test(path) });
  if (library === "sesame") {
    for (const file of sourceFiles(dir)) writeFileSync(file, withSesameSpecifiers(readFileSync(file, "utf8")));
  } else if (nextAuth === 5) {
    if (!existsSync(nextAuth5)) throw new Error(`next-auth 5 is not installed at ${nextAuth5}: run npm ci`);
    mkdirSync(join(dir, "node_modules"), { recursive: true });
    symlinkSync(nextAuth5, join(dir, "node_modules/next-auth"), "dir");
    // Its @auth/core beside it, where an npm install hoists it: type augmentations name it (see seed 003).
    mkdirSync(join(dir, "node_modules/@auth"), { recursive: true });
    symlinkSync(join(nextAuth5, "../@auth/core"), join(dir, "node_modules/@auth/core"), "dir");
  }
  return { source, dir };
}

/** Builds (and so type-checks) the library's copy of the seed app and serves it. */
export async function startSeedApp(seed: string, library: Library, nextAuth: 4 | 5, options: NextAppOptions = {}): Promise<NextServer & { dir: string }> {
  const { dir } = prepareSeedApp(seed, library, nextAuth);
  return { ...(await startNextApp(dir, options)), dir };
}

const tsc = join(workspaceRoot, "node_modules/typescript/bin/tsc");

/**
 * `tsc --noEmit` on a built copy: its errors as `file:line TScode`, for an article whose code does not
 * type-check as written even against next-auth's own types, so that the two copies' lists can be compared.
 */
export async function typeErrors(dir: string): Promise<string[]> {
  const output = await promisify(execFile)(process.execPath, [tsc, "-p", dir, "--noEmit", "--pretty", "false"], { cwd: dir, maxBuffer: 16 * 1024 * 1024 }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string }) => error.stdout ?? "",
  );
  return [...output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+)/gm)].map(([, file, line, code]) => `${relative(dir, join(dir, file!))}:${line} ${code}`);
}

/** Debian's Chromium, headless (see the repository README). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-dev-shm-usage"] });
}

/** A browser's cookie jar over real HTTP, redirects not followed. */
export class HttpClient {
  readonly jar = new Map<string, string>();
  constructor(readonly base: string) {}

  get cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.size) headers.set("cookie", this.cookieHeader);
    const response = await fetch(new URL(path, this.base), { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      if (/max-age=0/i.test(cookie) || /expires=thu, 01 jan 1970/i.test(cookie) || eq === pair.length - 1) this.jar.delete(name);
      else this.jar.set(name, pair.slice(eq + 1));
    }
    return response;
  }

  async csrf(): Promise<string> {
    return ((await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  }

  /** The credentials form post, as the built-in sign-in page sends it. */
  async signIn(fields: Record<string, string>, callbackUrl = "/"): Promise<Response> {
    const csrfToken = await this.csrf();
    return this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: new URL(callbackUrl, this.base).href, ...fields }),
    });
  }

  async session<T = Record<string, unknown>>(): Promise<T | null> {
    return (await this.fetch("/api/auth/session")).json() as Promise<T | null>;
  }

  /** The session cookie, whichever library set it. */
  sessionCookie(): string | undefined {
    return [...this.jar].find(([name]) => /session-token/.test(name))?.[1];
  }
}

/** The text of an element by id in a server-rendered page (React escapes it). */
export function textOf(html: string, id: string): string | null {
  const match = new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html);
  if (!match) return null;
  return match[1]!.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&amp;", "&").replaceAll("&lt;", "<").replaceAll("&gt;", ">");
}
