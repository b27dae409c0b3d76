/**
 * The package as a user gets it: `npm pack`ed, installed by name into a fresh Next.js 16 app outside the
 * workspace (its own `node_modules`, its own `next` and `react`, everything from the npm registry through
 * the cache `npm ci` filled), built with `next build`, started and signed in over HTTP. The same install
 * serves a plain Node ESM project and two CommonJS TypeScript projects nested in the app (`node16` and
 * `bundler` resolution), and `npx sesame-auth`. One install, reused: 100–145 s on two shared cores (install about 37 s, `next build`
 * 38–67 s).
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startNextApp, type NextServer } from "../next/next-server.js";
import { MARIADB_URL, mariadbAdmin, POSTGRES_URL } from "../support/databases.js";

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL("../..", import.meta.url));
const consumers = fileURLToPath(new URL("consumers", import.meta.url));
const SECRET = "consumer-secret-0123456789-abcdefghijklmnop";
const INSTALL_TIMEOUT_MS = 240_000;

let root: string;
/** The Next.js app, where the package is installed; the other consumer projects live inside it. */
let app: string;
const inApp = (...args: string[]) => run(process.execPath, args, { cwd: app, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
const tsc = (project: string) => inApp("node_modules/typescript/bin/tsc", "-p", project);
const npx = (...args: string[]) => run("npx", ["--no-install", "sesame-auth", ...args], { cwd: app });

beforeAll(async () => {
  if (!existsSync(join(packageDir, "dist/index.js"))) throw new Error("The package is not built: run `npm run build` first.");
  root = mkdtempSync(join(tmpdir(), "sesame-installed-"));
  app = join(root, "app");
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", root], { cwd: packageDir });
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  cpSync(join(consumers, "next-app"), app, { recursive: true });
  for (const project of ["esm", "cjs-node16", "cjs-bundler"]) cpSync(join(consumers, project), join(app, project), { recursive: true });
  const manifest = {
    name: "consumer-app",
    private: true,
    type: "module",
    // The versions the workspace's lockfile has, so that the npm cache answers; kysely, pg and mysql2 for `migrate`.
    dependencies: { next: "16.4.5", react: "19.2.0", "react-dom": "19.2.0", kysely: "0.28.18", pg: "8.23.1", mysql2: "3.25.0", "sesame-auth": `file:${join(root, filename)}` },
    devDependencies: { typescript: "5.9.3", "@types/react": "19.2.7", "@types/node": "20.19.25" },
  };
  writeFileSync(join(app, "package.json"), JSON.stringify(manifest, null, 2));
  await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: app });
}, INSTALL_TIMEOUT_MS);

// A Next.js install is some 400 MB: removing it takes longer than a hook's default 10 s.
afterAll(() => root && rm(root, { recursive: true, force: true }), 60_000);

test("the installed package is the packed one, resolved from the app's own node_modules", () => {
  const installed = JSON.parse(readFileSync(join(app, "node_modules/sesame-auth/package.json"), "utf8")) as { name: string; version: string };
  const packed = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { version: string };
  expect(installed).toMatchObject({ name: "sesame-auth", version: packed.version });
  expect(existsSync(join(app, "node_modules/next/package.json"))).toBe(true);
  expect(app.startsWith(fileURLToPath(new URL("../../../..", import.meta.url)))).toBe(false);
});

describe("in a fresh Next.js 16 app", () => {
  let server: NextServer | undefined;
  afterAll(() => server?.stop());

  test(
    "next build (types checked), next start, and a credentials sign-in over HTTP",
    async () => {
      server = await startNextApp(app, {
        nextBin: join(app, "node_modules/next/dist/bin/next"),
        env: { AUTH_SECRET: SECRET, AUTH_TRUST_HOST: "true" },
      });
      const cookies = new Map<string, string>();
      const call = async (path: string, init: RequestInit = {}) => {
        const headers = new Headers(init.headers);
        headers.set("cookie", [...cookies].map(([name, value]) => `${name}=${value}`).join("; "));
        const response = await fetch(`${server!.base}${path}`, { ...init, headers, redirect: "manual" });
        for (const cookie of response.headers.getSetCookie()) {
          const pair = cookie.split(";")[0]!;
          cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
        }
        return response;
      };
      expect(await (await call("/api/auth/session")).json()).toBeNull();
      const { csrfToken } = (await (await call("/api/auth/csrf")).json()) as { csrfToken: string };
      const signIn = await call("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken, username: "alice", password: "wonderland" }),
      });
      expect(signIn.status).toBe(302);
      expect(await (await call("/api/auth/session")).json()).toMatchObject({ user: { name: "Alice", email: "alice@example.com" } });
      // A Server Component reads it through `auth()`, behind the proxy.
      expect(await (await call("/")).text()).toContain("Signed in as Alice");
    },
    INSTALL_TIMEOUT_MS,
  );
});

describe("outside Next.js", () => {
  test("a plain Node ESM project signs in through Auth()", async () => {
    const { stdout } = await inApp("esm/main.js");
    expect(JSON.parse(stdout)).toMatchObject({ name: "Alice" });
  });

  test("a CommonJS TypeScript project (moduleResolution node16) type-checks, loads the package with import(), and runs", async () => {
    await tsc("cjs-node16");
    const emitted = readFileSync(join(app, "cjs-node16/dist/main.js"), "utf8");
    // CommonJS output that keeps `import()`: a `require` of the ES module would fail on Node 20's older lines.
    expect(emitted).toContain('"use strict"');
    expect(emitted).toContain('import("sesame-auth")');
    expect(emitted).not.toMatch(/require\("sesame-auth/);
    const { stdout } = await inApp("cjs-node16/dist/main.js");
    expect(JSON.parse(stdout)).toMatchObject({ user: { name: "Alice" }, sub: "1" });
  });

  test("a CommonJS TypeScript project (moduleResolution bundler) type-checks, bundles to CommonJS, and runs", async () => {
    await tsc("cjs-bundler");
    const outfile = join(app, "cjs-bundler/dist/main.cjs");
    await build({ absWorkingDir: join(app, "cjs-bundler"), entryPoints: ["src/main.ts"], bundle: true, platform: "node", format: "cjs", outfile, logLevel: "silent" });
    const { stdout } = await inApp(outfile);
    expect(JSON.parse(stdout)).toMatchObject({ user: { name: "Alice" }, sub: "1" });
  });

  test("a type error against the package's types is caught, so the checks above check something", async () => {
    writeFileSync(join(app, "cjs-bundler/src/wrong.ts"), 'import type { SesameConfig } from "sesame-auth";\nexport const config: SesameConfig = { session: { strategy: "cookie" } };\n');
    try {
      await expect(tsc("cjs-bundler")).rejects.toMatchObject({ stdout: expect.stringContaining("wrong.ts") });
    } finally {
      rmSync(join(app, "cjs-bundler/src/wrong.ts"));
    }
  });
});

describe("npx sesame-auth, from the app", () => {
  test("secret prints a fresh 256-bit secret", async () => {
    const [a, b] = await Promise.all([npx("secret"), npx("secret")]);
    expect(a.stdout.trim()).toMatch(/^[\w-]{43}$/);
    expect(a.stdout).not.toBe(b.stdout);
  });

  /** A fresh place for Sesame's tables on each server: the arguments that name it, and its removal. */
  const servers: Array<[name: string, entry: string, open: () => Promise<{ args: string[]; drop(): Promise<void> }>]> = [
    [
      "PostgreSQL",
      "postgres",
      async () => {
        const schema = `sesame_installed_${crypto.randomUUID().replaceAll("-", "")}`;
        const admin = new pg.Client({ connectionString: POSTGRES_URL });
        await admin.connect();
        await admin.query(`CREATE SCHEMA ${schema}`);
        const url = `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
        return {
          args: ["--database", url, "--schema", schema],
          async drop() {
            await admin.query(`DROP SCHEMA ${schema} CASCADE`);
            await admin.end();
          },
        };
      },
    ],
    [
      "MariaDB",
      "mysql",
      async () => {
        const database = `sesame_installed_${crypto.randomUUID().replaceAll("-", "")}`;
        await mariadbAdmin(sql`CREATE DATABASE ${sql.id(database)}`);
        const url = new URL(MARIADB_URL);
        url.pathname = `/${database}`;
        return { args: ["--database", url.href], drop: async () => void (await mariadbAdmin(sql`DROP DATABASE ${sql.id(database)}`)) };
      },
    ],
  ];

  test.each(servers)("migrate applies the migrations to %s with the app's own drivers, and sesame-auth/adapters/%s loads by name", async (_name, entry, open) => {
    const server = await open();
    try {
      expect((await npx("migrate", ...server.args)).stdout).toBe("Applied: 0001_initial, 0002_rate_limits, 0003_token_refreshes, 0004_upstream_tokens, 0005_password_accounts, 0006_factors\n");
      expect((await npx("migrate", ...server.args)).stdout).toBe("The database is up to date.\n");
    } finally {
      await server.drop();
    }
    const { stdout } = await inApp("--input-type=module", "-e", `const m = await import("sesame-auth/adapters/${entry}"); console.log(Object.keys(m).join())`);
    expect(stdout.trim()).toBe(entry);
  });

  // Regression (issue 30, "Installable by name"): the CLI loaded every database driver, so in an app without
  // better-sqlite3 even `secret` crashed with ERR_MODULE_NOT_FOUND and a stack.
  test("migrate on SQLite (the default) without its driver says which packages to install, exit code 1", async () => {
    await expect(npx("migrate")).rejects.toMatchObject({
      code: 1,
      stderr: "sesame-auth migrate: this database needs the packages kysely, better-sqlite3: npm install kysely better-sqlite3\n",
    });
  });
});
