/** Builds a fixture app with `next build` and serves it with `next start` on a free loopback port. */
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const nextBin = fileURLToPath(new URL("../../../../node_modules/next/dist/bin/next", import.meta.url));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const };

export interface NextServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  stop(): void;
}

/** `runtimeEnv`: variables for `next start` only, given the server's base URL (e.g. `NEXTAUTH_URL`). */
export async function startNextApp(fixture: string, runtimeEnv: (base: string) => Record<string, string> = () => ({})): Promise<NextServer> {
  await run(process.execPath, [nextBin, "build"], { cwd: fixture, env, maxBuffer: 16 * 1024 * 1024 });
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const port = (probe.address() as { port: number }).port;
  probe.close();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: fixture, env: { ...env, ...runtimeEnv(base) }, stdio: ["ignore", "pipe", "inherit"] });
  for await (const chunk of server.stdout!) if (String(chunk).includes("Ready")) break;
  return { base, stop: () => server.kill() };
}
