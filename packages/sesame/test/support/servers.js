/**
 * Private PostgreSQL and Redis servers for the fault tests. The shared ones (5432, 6379) serve other test
 * files at the same time, so these tests start their own on free ports, in temporary directories, and crash
 * them for real: SIGKILL, then a restart on the same port and the same data.
 */
import { spawn, execFileSync } from "node:child_process";
import { once } from "node:events";
import { chownSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
const PG_BIN = process.env.SESAME_TEST_PG_BIN ?? "/usr/lib/postgresql/15/bin";
export async function freePort() {
    const server = createServer();
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address();
    await new Promise((resolve) => server.close(resolve));
    return port;
}
/** initdb and postgres refuse to run as root: as root, run them as the `postgres` OS user. */
function postgresOwner() {
    if (process.getuid?.() !== 0)
        return undefined;
    const id = (flag) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    return { uid: id("-u"), gid: id("-g") };
}
function alive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch {
        return false;
    }
}
/** Direct children of `pid`, from /proc: PostgreSQL's children put themselves in their own process groups. */
function childrenOf(pid) {
    const children = [];
    for (const entry of readdirSync("/proc")) {
        if (!/^\d+$/.test(entry))
            continue;
        try {
            const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
            // The command name may hold spaces and parentheses: the fields after the last ")" are fixed.
            const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
            if (ppid === pid)
                children.push(Number(entry));
        }
        catch {
            // The process ended while we looked.
        }
    }
    return children;
}
async function waitUntil(what, check, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
        if (Date.now() > deadline)
            throw new Error(`${what} did not happen within ${timeoutMs} ms`);
        await sleep(50);
    }
}
/** A child killed by a signal keeps `exitCode` null; only `signalCode` says it is gone. */
function hasExited(child) {
    return child.exitCode !== null || child.signalCode !== null;
}
function tail(file) {
    return existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-20).join("\n") : "";
}
export async function privatePostgres() {
    const owner = postgresOwner();
    const dir = mkdtempSync(join(tmpdir(), "sesame-faults-pg-"));
    if (owner)
        chownSync(dir, owner.uid, owner.gid);
    const data = join(dir, "data");
    const log = join(dir, "postgres.log");
    const port = await freePort();
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    let child;
    execFileSync(`${PG_BIN}/initdb`, ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "--no-instructions", "-E", "UTF8", "--locale=C"], {
        cwd: dir,
        stdio: "ignore",
        ...owner,
    });
    async function answers() {
        const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
        client.on("error", () => { });
        try {
            await client.connect();
            await client.query("select 1");
            return true;
        }
        catch {
            return false;
        }
        finally {
            await client.end().catch(() => { });
        }
    }
    const server = {
        port,
        url,
        async start() {
            const out = openSync(log, "a");
            // fsync off and small buffers: it starts in a fraction of a second. A SIGKILL loses nothing that was
            // committed all the same, because the operating system, which keeps the written WAL, does not crash.
            const settings = ["listen_addresses=127.0.0.1", "fsync=off", "full_page_writes=off", "shared_buffers=16MB", "max_connections=60", "unix_socket_directories=" + dir];
            const started = spawn(`${PG_BIN}/postgres`, ["-D", data, "-p", String(port), ...settings.flatMap((s) => ["-c", s])], {
                cwd: dir,
                stdio: ["ignore", out, out],
                ...owner,
            });
            closeSync(out);
            child = started;
            await waitUntil("PostgreSQL answering", async () => {
                if (hasExited(started))
                    throw new Error(`PostgreSQL exited with ${started.exitCode ?? started.signalCode}:\n${tail(log)}`);
                return answers();
            }, 20_000);
        },
        async kill() {
            const postmaster = child;
            if (!postmaster?.pid || hasExited(postmaster))
                return;
            // Stopped first, the postmaster forks no new backend between the listing of its children and their end;
            // killed last, its death is never seen by a backend that could still tell its clients goodbye.
            process.kill(postmaster.pid, "SIGSTOP");
            const pids = [...childrenOf(postmaster.pid), postmaster.pid];
            for (const pid of pids) {
                try {
                    process.kill(pid, "SIGKILL");
                }
                catch {
                    // Already gone.
                }
            }
            // A restart is refused while any old process still holds the shared memory.
            await waitUntil("every PostgreSQL process gone", () => pids.every((pid) => !alive(pid)), 10_000);
        },
    };
    return launch(server, () => child, dir);
}
/** Starts a server, and removes everything it made whether it starts or not, now or when the process ends. */
async function launch(server, current, dir) {
    const launched = {
        ...server,
        async destroy() {
            await server.kill().catch(() => { });
            rmSync(dir, { recursive: true, force: true });
        },
    };
    leaveNothingBehind(current, dir);
    try {
        await launched.start();
    }
    catch (error) {
        await launched.destroy();
        throw error;
    }
    return launched;
}
/**
 * If the test process ends without its afterAll (interrupted, crashed), its servers must not outlive it
 * holding ports and temporary directories.
 */
function leaveNothingBehind(current, dir) {
    process.once("exit", () => {
        const pid = current()?.pid;
        if (pid && alive(pid)) {
            for (const p of [...childrenOf(pid), pid]) {
                try {
                    process.kill(p, "SIGKILL");
                }
                catch {
                    // Already gone.
                }
            }
        }
        rmSync(dir, { recursive: true, force: true });
    });
}
/** Whether a Redis server answers PING on `port`. */
async function pong(port) {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.on("error", () => { });
    try {
        await Promise.race([once(socket, "connect"), sleep(1_000).then(() => Promise.reject(new Error("timeout")))]);
        socket.write("PING\r\n");
        const [chunk] = (await Promise.race([once(socket, "data"), sleep(1_000).then(() => Promise.reject(new Error("timeout")))]));
        return chunk.toString().startsWith("+PONG");
    }
    catch {
        return false;
    }
    finally {
        socket.destroy();
    }
}
export async function privateRedis() {
    const dir = mkdtempSync(join(tmpdir(), "sesame-faults-redis-"));
    const log = join(dir, "redis.log");
    const port = await freePort();
    let child;
    const server = {
        port,
        url: `redis://127.0.0.1:${port}`,
        async start() {
            // The append-only file, written before each reply, is what lets an acknowledged session outlive a
            // SIGKILL; without it a crash of Redis would sign everybody out by design, not by fault.
            const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--logfile", log];
            const started = spawn("redis-server", args, { cwd: dir, stdio: "ignore" });
            child = started;
            await waitUntil("Redis answering", () => {
                if (hasExited(started))
                    throw new Error(`redis-server exited with ${started.exitCode ?? started.signalCode}:\n${tail(log)}`);
                return pong(port);
            }, 20_000);
        },
        async kill() {
            const redis = child;
            if (!redis?.pid || hasExited(redis))
                return;
            const exited = once(redis, "exit");
            redis.kill("SIGKILL");
            await exited;
        },
    };
    return launch(server, () => child, dir);
}
