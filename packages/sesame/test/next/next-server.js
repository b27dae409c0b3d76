/** Builds a fixture app with `next build` and serves it with `next start` on a free loopback port. */
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
const run = promisify(execFile);
const nextBin = fileURLToPath(new URL("../../../../node_modules/next/dist/bin/next", import.meta.url));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
export async function startNextApp(fixture) {
    await run(process.execPath, [nextBin, "build"], { cwd: fixture, env, maxBuffer: 16 * 1024 * 1024 });
    const probe = createServer().listen(0, "127.0.0.1");
    await once(probe, "listening");
    const port = probe.address().port;
    probe.close();
    const server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: fixture, env, stdio: ["ignore", "pipe", "inherit"] });
    for await (const chunk of server.stdout)
        if (String(chunk).includes("Ready"))
            break;
    return { base: `http://127.0.0.1:${port}`, stop: () => server.kill() };
}
