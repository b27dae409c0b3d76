/** Builds a fixture app with `next build` and serves it with `next start` on a free loopback port. */
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const workspaceNext = fileURLToPath(new URL("../../../../node_modules/next/dist/bin/next", import.meta.url));
const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const };

export interface NextServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  stop(): void;
}

export interface NextAppOptions {
  /** The `next` to run: an app with its own `node_modules` brings its own. Default: the workspace's. */
  nextBin?: string;
  /** Variables added to the build's and the server's environment. */
  env?: Record<string, string>;
  /** Variables for `next start` only, given the server's base URL (e.g. `NEXTAUTH_URL`). */
  runtimeEnv?: (base: string) => Record<string, string>;
  /** The port to serve on, when something must know the URL before the server starts. Default: a free one. */
  port?: number;
}

/** A port free on the loopback interface now. */
export async function freeLoopbackPort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export async function startNextApp(fixture: string, options: NextAppOptions = {}): Promise<NextServer> {
  const nextBin = options.nextBin ?? workspaceNext;
  const env = { ...baseEnv, ...options.env };
  const runtimeEnv = options.runtimeEnv ?? (() => ({}));
  await run(process.execPath, [nextBin, "build"], { cwd: fixture, env, maxBuffer: 16 * 1024 * 1024 });
  const port = options.port ?? (await freeLoopbackPort());
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: fixture, env: { ...env, ...runtimeEnv(base) }, stdio: ["ignore", "pipe", "inherit"] });
  for await (const chunk of server.stdout!) if (String(chunk).includes("Ready")) break;
  return { base, stop: () => server.kill() };
}
