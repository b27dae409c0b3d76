/**
 * The browser tests' world: the example app built once with `next build`, served by `next start` against
 * its real services (sample backend, OpenID Provider, mail catcher) and a fresh database, and Debian's
 * Chromium driven by playwright-core. Every page a test visits is photographed into `e2e/artifacts/`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { createClient } from "redis";
import { openStorage } from "../apps/example/lib/storage";
import { startStack, type Stack } from "../apps/example/services/stack";

export const exampleDir = fileURLToPath(new URL("../apps/example", import.meta.url));
export const artifacts = fileURLToPath(new URL("./artifacts", import.meta.url));
const nextBin = fileURLToPath(new URL("../node_modules/next/dist/bin/next", import.meta.url));
const POSTGRES_URL = process.env.SESAME_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const REDIS_URL = process.env.SESAME_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Short lifetimes so expiry, renewal and refresh happen within a test. */
export const TIMINGS = { accessTtl: 8, refreshBuffer: 2, updateAge: 1 };

export type StorageKind = "sqlite" | "postgres+redis";

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as { port: number };
  probe.close();
  return port;
}

export function buildExample(): Promise<void> {
  const build = spawn(process.execPath, [nextBin, "build"], { cwd: exampleDir, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" }, stdio: "ignore" });
  return new Promise((resolve, reject) => build.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`)))));
}

export interface Example {
  url: string;
  stack: Stack;
  browser: Browser;
  /** A new browser (context) with its own cookies; its responses are kept for the leak checks. */
  newContext(): Promise<BrowserContext>;
  /** Every response body the browser received, for "no refresh token anywhere". */
  bodies: string[];
  /** Goes to `path` and photographs the page as `<storage>-<name>.png`. */
  visit(page: Page, path: string, name: string): Promise<void>;
  shot(page: Page, name: string): Promise<void>;
  /** Makes a stored session expired, as if its time had run out. */
  expireSession(cookieValue: string): Promise<void>;
  close(): Promise<void>;
}

async function storageEnv(kind: StorageKind): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "sesame-e2e-"));
    return { env: { DATABASE_URL: join(dir, "sesame.db") }, drop: async () => {} };
  }
  const schema = `sesame_e2e_${crypto.randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return {
    env: { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema, REDIS_URL, REDIS_PREFIX: `${schema}:` },
    async drop() {
      const cleanup = new pg.Client({ connectionString: POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}

export async function startExample(kind: StorageKind): Promise<Example> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const storage = await storageEnv(kind);
  const stack = await startStack({
    appUrl: url,
    accessTtl: TIMINGS.accessTtl,
    secretFile: join(mkdtempSync(join(tmpdir(), "sesame-e2e-secret-")), "secret"),
    // REAUTHENTICATE_AFTER=0: every change to a second factor asks again for the password or a code.
    // PASSWORD_HASH_COST=14: scrypt at an eighth of its cost, so that a dozen password checks do not take seconds each.
    env: { ...storage.env, SESSION_UPDATE_AGE: String(TIMINGS.updateAge), REFRESH_BUFFER: String(TIMINGS.refreshBuffer), REAUTHENTICATE_AFTER: "0", PASSWORD_HASH_COST: "14" },
  });
  const server: ChildProcess = spawn(process.execPath, [nextBin, "start", "-p", String(port)], {
    cwd: exampleDir,
    env: { ...stack.env, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  for await (const chunk of server.stdout ?? []) if (String(chunk).includes("Ready")) break;
  server.stdout?.resume();

  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
  mkdirSync(artifacts, { recursive: true });
  const bodies: string[] = [];
  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: join(artifacts, `${kind}-${name}.png`), fullPage: true });
  };
  const inspect = (page: Page) =>
    page.on("response", (response) => {
      const type = response.headers()["content-type"] ?? "";
      if (/html|json|text|x-component/.test(type)) response.text().then((text) => bodies.push(text), () => {});
    });

  return {
    url,
    stack,
    browser,
    bodies,
    async newContext() {
      const context = await browser.newContext({ baseURL: url });
      context.on("page", inspect);
      return context;
    },
    async visit(page, path, name) {
      await page.goto(path);
      await page.waitForLoadState("networkidle").catch(() => {});
      await shot(page, name);
    },
    shot,
    async expireSession(cookieValue) {
      const id = cookieValue.split(".")[0] ?? "";
      const past = Date.now() - 1000;
      if (storage.env.REDIS_URL) {
        const redis = await createClient({ url: storage.env.REDIS_URL }).connect();
        const key = `${storage.env.REDIS_PREFIX}session:${id}`;
        const stored = JSON.parse((await redis.get(key)) ?? "null") as { expires: number } | null;
        if (!stored) throw new Error(`no session ${id} in Redis`);
        await redis.set(key, JSON.stringify({ ...stored, expires: past }), { KEEPTTL: true });
        await redis.quit();
        return;
      }
      const opened = openStorage({ ...process.env, ...storage.env });
      await opened.adapter.updateSession(id, { expires: new Date(past) });
      await opened.db.destroy();
    },
    async close() {
      await browser.close();
      server.kill();
      await stack.close();
      await storage.drop();
    },
  };
}
