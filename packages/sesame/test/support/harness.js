/** Shared pieces of the fault tests: timing, app processes over real HTTP, and a cookie jar for them. */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { postgres } from "../../src/adapters/postgres.node.js";
import { migrate } from "../../src/adapters/sql.js";
import { POSTGRES_URL } from "./databases.js";
/** Runs `work` and reports how long it took, in milliseconds. */
export async function timed(work) {
    const start = performance.now();
    const value = await work();
    return { value, ms: performance.now() - start };
}
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
/** A fresh PostgreSQL schema with Sesame's tables, for processes that connect to it by name. */
export async function freshSchema() {
    const schema = `sesame_faults_${crypto.randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const db = postgres({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}`, max: 1 });
    await migrate(db, { schema });
    await db.destroy();
    return {
        schema,
        async drop() {
            const cleanup = new pg.Client({ connectionString: POSTGRES_URL });
            await cleanup.connect();
            await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
            await cleanup.end();
        },
    };
}
/** Starts test/support/app-server.ts in its own Node process and waits until it serves. */
export async function startApp(env) {
    const child = spawn(process.execPath, ["--import", "tsx", "test/support/app-server.ts"], {
        // The package's tsconfig maps `#jwe` to the source, for tsx as for vitest.
        cwd: fileURLToPath(new URL("../..", import.meta.url)),
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let errors = "";
    child.stderr.on("data", (chunk) => (errors += String(chunk)));
    const port = await new Promise((resolve, reject) => {
        let output = "";
        const timer = setTimeout(() => reject(new Error(`the app process did not start in 30 s: ${errors}`)), 30_000);
        child.stdout.on("data", (chunk) => {
            output += String(chunk);
            const match = /listening (\d+)/.exec(output);
            if (match) {
                clearTimeout(timer);
                resolve(Number(match[1]));
            }
        });
        child.on("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`the app process exited with ${code}: ${errors}`));
        });
    });
    return {
        base: `http://127.0.0.1:${port}`,
        pid: child.pid,
        stderr: () => errors,
        async stop() {
            if (child.exitCode !== null)
                return;
            const exited = new Promise((resolve) => child.once("exit", resolve));
            child.kill("SIGTERM");
            const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
            await exited;
            clearTimeout(timer);
        },
    };
}
/** A browser over real HTTP: one cookie jar whatever the port (cookies ignore ports), redirects not followed. */
export class HttpBrowser {
    jar = new Map();
    async fetch(url, init = {}) {
        const headers = new Headers(init.headers);
        if (this.jar.size)
            headers.set("cookie", [...this.jar].map(([k, v]) => `${k}=${v}`).join("; "));
        const response = await fetch(url, { ...init, headers, redirect: "manual" });
        for (const cookie of response.headers.getSetCookie()) {
            const [pair = ""] = cookie.split(";");
            const eq = pair.indexOf("=");
            const name = pair.slice(0, eq);
            if (/max-age=0/i.test(cookie))
                this.jar.delete(name);
            else
                this.jar.set(name, pair.slice(eq + 1));
        }
        return response;
    }
    async csrf(authBase) {
        return (await (await this.fetch(`${authBase}/csrf`)).json()).csrfToken;
    }
    /** A form post with the CSRF token, as the built-in pages send it. */
    async post(authBase, path, fields = {}, headers = {}) {
        const csrfToken = await this.csrf(authBase);
        return this.fetch(`${authBase}${path}`, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
            body: new URLSearchParams({ csrfToken, ...fields }),
        });
    }
    async session(authBase) {
        return (await this.fetch(`${authBase}/session`)).json();
    }
}
