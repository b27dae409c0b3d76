/**
 * The apps of the HTTP benchmark (`apps/bench/*`): built with `next build`, each started with `next start` on
 * loopback, and signed in over HTTP the way a browser would, so the load carries a real session cookie.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const NEXT = join(ROOT, "node_modules/next/dist/bin/next");
const EMAIL = "bench@example.com";
const PASSWORD = "bench-password-0123456789";

export interface Target {
  /** Row label in the results. */
  label: string;
  app: "baseline" | "sesame" | "next-auth" | "better-auth";
  env?: Record<string, string>;
  /** The app keeps sessions in its SQLite database (migrated before start). */
  database?: boolean;
}

export const TARGETS: Target[] = [
  { label: "no auth (baseline)", app: "baseline" },
  { label: "Sesame (JWT cookie)", app: "sesame", env: { BENCH_SESSIONS: "jwt" } },
  { label: "next-auth 5.0.0-beta.32 (JWT cookie)", app: "next-auth" },
  { label: "Sesame (database sessions, SQLite)", app: "sesame", env: { BENCH_SESSIONS: "database" }, database: true },
  { label: "better-auth 1.7.25 (database sessions, SQLite)", app: "better-auth", database: true },
];

export interface RunningApp {
  target: Target;
  origin: string;
  process: ChildProcess;
  stop(): void;
}

const appDir = (app: Target["app"]) => join(ROOT, "apps/bench", app);

export function buildApps(): void {
  for (const app of new Set(TARGETS.map((target) => target.app))) {
    console.log(`building apps/bench/${app} …`);
    execFileSync(process.execPath, [NEXT, "build"], { cwd: appDir(app), stdio: ["ignore", "ignore", "inherit"] });
  }
}

export async function startApp(target: Target, port: number): Promise<RunningApp> {
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, ...target.env, NODE_ENV: "production", BENCH_URL: origin, NEXT_TELEMETRY_DISABLED: "1" };
  if (target.database) {
    env.BENCH_DB = join(mkdtempSync(join(tmpdir(), "sesame-bench-")), "auth.db");
    execFileSync(process.execPath, ["--import", "tsx", "migrate.ts"], { cwd: appDir(target.app), env, stdio: "inherit" });
  }
  const child = spawn(process.execPath, [NEXT, "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: appDir(target.app),
    env,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const stop = () => {
    process.removeListener("exit", stop);
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  process.once("exit", stop);
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`${target.label} exited with ${child.exitCode}`);
    const up = await fetch(`${origin}/api/bench/queries`).then((r) => r.ok, () => false);
    if (up) return { target, origin, process: child, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${target.label} did not start on ${origin}`);
}

function cookiesOf(response: Response, jar = new Map<string, string>()): Map<string, string> {
  for (const header of response.headers.getSetCookie()) {
    const [pair = ""] = header.split(";");
    const eq = pair.indexOf("=");
    jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return jar;
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

/** Signs in as the bench user and returns the `Cookie` header a signed-in browser would send. */
export async function signIn({ target, origin }: RunningApp): Promise<string> {

  let cookie: string;
  if (target.app === "baseline") return "";
  if (target.app === "better-auth") {
    const headers = { "content-type": "application/json", origin };
    let response = await fetch(`${origin}/api/auth/sign-up/email`, { method: "POST", headers, body: JSON.stringify({ email: EMAIL, password: PASSWORD, name: "Bench User" }) });
    if (!response.ok) response = await fetch(`${origin}/api/auth/sign-in/email`, { method: "POST", headers, body: JSON.stringify({ email: EMAIL, password: PASSWORD }) });
    cookie = cookieHeader(cookiesOf(response));
  } else {
    // Sesame and next-auth share the Auth.js routes: a CSRF token, then the credentials callback.
    const csrf = await fetch(`${origin}/api/auth/csrf`);
    const jar = cookiesOf(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await fetch(`${origin}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar), origin },
      body: new URLSearchParams({ csrfToken, email: EMAIL, password: PASSWORD }),
    });
    cookie = cookieHeader(cookiesOf(response, new Map()));
  }
  const me = await fetch(`${origin}/api/me`, { headers: { cookie } });
  if (me.status !== 200) throw new Error(`${target.label}: sign-in did not give a session (GET /api/me → ${me.status})`);
  return cookie;
}

export async function queryCount(origin: string): Promise<number> {
  const { queries } = (await (await fetch(`${origin}/api/bench/queries`)).json()) as { queries: number };
  return queries;
}

/**
 * CPU time (ms) used so far by the app's processes (`next start` runs detached, so they form one process
 * group): the sum of every thread's on-CPU time from `/proc/<pid>/task/<tid>/schedstat`, in nanoseconds,
 * precise enough for runs of a fraction of a second (the ticks of `/proc/<pid>/stat` are 10 ms). Server CPU
 * per request is the overhead measure that the load generator's share of the two cores does not distort,
 * unlike 1/(req/s). Linux only: it reads /proc.
 */
export function serverCpuMs({ process: child }: RunningApp): number {
  let nanoseconds = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the command name (which may hold spaces): state ppid pgrp …
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) !== child.pid) continue;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        nanoseconds += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
      }
    } catch {
      // The process or thread ended between the listing and the read.
    }
  }
  return nanoseconds / 1e6;
}
