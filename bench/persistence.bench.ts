// Persistence benchmark: database-session checks on SQLite and PostgreSQL, the per-request cost of JWT revocation, and how fast a revoke reaches another process through Redis.
import { fork } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Auth as authJs } from "@auth/core";
import PostgresAdapter from "@auth/pg-adapter";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from "kysely";
import pg from "pg";
import { createClient } from "redis";
import { Auth, getSession, MemoryRevocationStore, type SesameConfig } from "sesame-auth";
import { RedisRevocationStore } from "sesame-auth/adapters/redis";
import { adoptAuthjs, migrate, SqlAdapter, type SesameDatabase } from "sesame-auth/adapters/sql";
import { encode } from "sesame-auth/jwt";
import Credentials from "sesame-auth/providers/credentials";
import type { ListenerMessage } from "./revocation-listener.js";

const SECRET = "bench-secret-do-not-use-0123456789abcdefghij";
const ORIGIN = "http://localhost:3000";
const PAGE_URL = `${ORIGIN}/dashboard`;
const SESSION_COOKIE = "sesame.session-token";
const POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";

const DB_WARMUP = 1_000;
const DB_CALLS = { SQLite: 20_000, PostgreSQL: 5_000 } as const;
const JWT_WARMUP = 5_000;
const JWT_ROUNDS = 21;
const JWT_OPS_PER_ROUND = 5_000;
const REVOKES = 300;
const REVOKE_PAUSE_MS = 2;

const user = { id: "1", name: "Alice", email: "alice@example.com" };
const credentials = Credentials({
  credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
  authorize: ({ username, password }) => (username === "alice" && password === "wonderland" ? user : null),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// One clock for both processes: performance.now() alone starts at each process's own origin.
const wallClock = () => performance.timeOrigin + performance.now();

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

function cookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((header) => header.split(";")[0] ?? "");
}

/** Signs Alice in through the real HTTP API, as a browser would, and returns her session cookie's value. */
async function signIn(adapter: SesameConfig["adapter"]): Promise<string> {
  const signInConfig: SesameConfig = { secret: SECRET, trustHost: true, providers: [credentials], adapter, rateLimit: false };
  const csrfResponse = await Auth(new Request(`${ORIGIN}/api/auth/csrf`), signInConfig);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await Auth(
    new Request(`${ORIGIN}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiePairs(csrfResponse).join("; ") },
      body: new URLSearchParams({ csrfToken, username: "alice", password: "wonderland" }),
    }),
    signInConfig,
  );
  const pair = cookiePairs(response).find((p) => p.startsWith(`${SESSION_COOKIE}=`));
  const value = pair?.slice(SESSION_COOKIE.length + 1);
  if (response.status !== 302 || !value || !/^[\w-]{22}\.[\w-]{43,44}$/.test(value)) {
    throw new Error(`sign-in did not yield a database session cookie: ${response.status} ${response.headers.getSetCookie().join(" | ")}`);
  }
  return value;
}

interface BenchDatabase {
  name: keyof typeof DB_CALLS;
  db: Kysely<SesameDatabase>;
  /** SQL queries run so far, counted by Kysely's log hook. */
  queries: () => number;
  close: () => Promise<void>;
}

function queryCounter() {
  let queries = 0;
  return {
    log: (event: LogEvent) => {
      if (event.level === "query") queries++;
    },
    queries: () => queries,
  };
}

async function openSqlite(): Promise<BenchDatabase> {
  const dir = await mkdtemp(join(tmpdir(), "sesame-bench-"));
  const database = new Database(join(dir, "auth.db"));
  // As sesame/adapters/sqlite sets them, so that the figure is the one an app using it gets.
  database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  const counter = queryCounter();
  const db = new Kysely<SesameDatabase>({ dialect: new SqliteDialect({ database }), log: counter.log });
  await migrate(db);
  return {
    name: "SQLite",
    db,
    queries: counter.queries,
    close: async () => {
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<BenchDatabase> {
  const schema = `sesame_bench_${crypto.randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const counter = queryCounter();
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
  const db = new Kysely<SesameDatabase>({ dialect: new PostgresDialect({ pool }), log: counter.log });
  try {
    await migrate(db, { schema });
  } catch (error) {
    await db.destroy();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
    throw error;
  }
  return {
    name: "PostgreSQL",
    db,
    queries: counter.queries,
    close: async () => {
      await db.destroy();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

interface DatabaseRow {
  name: string;
  calls: number;
  p50: number;
  p99: number;
  opsPerSecond: number;
  queriesPerCheck: number;
}

async function databaseSessionCheck(database: BenchDatabase): Promise<DatabaseRow> {
  const adapter = SqlAdapter(database.db);
  const config: SesameConfig = { secret: SECRET, trustHost: true, providers: [], adapter, rateLimit: false };
  const request = new Request(PAGE_URL, { headers: { cookie: `${SESSION_COOKIE}=${await signIn(adapter)}` } });
  // A check that failed or renewed the session would measure something else: every call is verified.
  const check = async () => {
    const { session, cookies } = await getSession(request, config);
    if (session?.user?.email !== user.email || cookies.length > 0) throw new Error(`unexpected ${database.name} session read: ${JSON.stringify(session)}`);
  };
  for (let i = 0; i < DB_WARMUP; i++) await check();

  const calls = DB_CALLS[database.name];
  const durations = new Float64Array(calls);
  const queriesBefore = database.queries();
  const started = performance.now();
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    await check();
    durations[i] = (performance.now() - start) * 1000;
  }
  const elapsed = performance.now() - started;
  const sorted = Array.from(durations).sort((a, b) => a - b);
  return {
    name: database.name,
    calls,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    opsPerSecond: (calls * 1000) / elapsed,
    queriesPerCheck: (database.queries() - queriesBefore) / calls,
  };
}

/** @auth/pg-adapter's documented schema, as an Auth.js app's database has it. */
const PG_ADAPTER_SCHEMA = `
  CREATE TABLE verification_token (identifier TEXT NOT NULL, expires TIMESTAMPTZ NOT NULL, token TEXT NOT NULL, PRIMARY KEY (identifier, token));
  CREATE TABLE accounts (id SERIAL, "userId" INTEGER NOT NULL, type VARCHAR(255) NOT NULL, provider VARCHAR(255) NOT NULL,
    "providerAccountId" VARCHAR(255) NOT NULL, refresh_token TEXT, access_token TEXT, expires_at BIGINT, id_token TEXT, scope TEXT,
    session_state TEXT, token_type TEXT, PRIMARY KEY (id));
  CREATE TABLE sessions (id SERIAL, "userId" INTEGER NOT NULL, expires TIMESTAMPTZ NOT NULL, "sessionToken" VARCHAR(255) NOT NULL, PRIMARY KEY (id));
  CREATE TABLE users (id SERIAL, name VARCHAR(255), email VARCHAR(255), "emailVerified" TIMESTAMPTZ, image TEXT, PRIMARY KEY (id));`;

const AUTHJS_CALLS = 3_000;
const AUTHJS_ROUNDS = 6;

interface AuthjsDatabaseRow {
  name: string;
  p50: number;
  p99: number;
  opsPerSecond: number;
}

/**
 * The same Auth.js database (@auth/pg-adapter's tables on PostgreSQL), its session read through
 * `GET /api/auth/session` by Auth.js itself, by Sesame with the same adapter, and by Sesame's SqlAdapter over
 * the same tables. Rounds alternate between the three, so that drift hits all alike.
 */
async function authjsDatabaseSessions(): Promise<AuthjsDatabaseRow[]> {
  const schema = `sesame_bench_authjs_${crypto.randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}; ${PG_ADAPTER_SCHEMA}`);
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
  try {
    const db = new Kysely<SesameDatabase>({ dialect: new PostgresDialect({ pool }) });
    await adoptAuthjs(db, "pg-adapter");
    const authjsAdapter = PostgresAdapter(pool);
    const { createUser, createSession } = authjsAdapter;
    if (!createUser || !createSession) throw new Error("@auth/pg-adapter without createUser/createSession");
    const created = await createUser({ id: "", name: user.name, email: user.email, emailVerified: null });
    const byId = Credentials({ credentials: { id: {} }, authorize: ({ id }) => ({ id }) });
    /** A session Sesame started (a real credentials sign-in) under `adapter`, and the config reading it. */
    const sesame = async (name: string, adapter: SesameConfig["adapter"]) => {
      const config: SesameConfig = { secret: SECRET, trustHost: true, providers: [byId], adapter, rateLimit: false };
      const csrf = await Auth(new Request(`${ORIGIN}/api/auth/csrf`), config);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const signIn = await Auth(
        new Request(`${ORIGIN}/api/auth/callback/credentials`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiePairs(csrf).join("; ") },
          body: new URLSearchParams({ csrfToken, id: String(created.id) }),
        }),
        config,
      );
      const cookie = cookiePairs(signIn).find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
      if (!cookie) throw new Error(`${name}: no session after sign-in`);
      return { name, read: () => Auth(new Request(`${ORIGIN}/api/auth/session`, { headers: { cookie } }), config) };
    };
    const token = crypto.randomUUID();
    await createSession({ sessionToken: token, userId: String(created.id), expires: new Date(Date.now() + 30 * 86_400_000) });
    const authjsConfig = { adapter: authjsAdapter, providers: [], secret: SECRET, trustHost: true, basePath: "/api/auth", session: { strategy: "database" as const } };
    const readers = [
      { name: "Auth.js (@auth/core 0.41) with @auth/pg-adapter", read: () => authJs(new Request(`${ORIGIN}/api/auth/session`, { headers: { cookie: `authjs.session-token=${token}` } }), authjsConfig) },
      await sesame("Sesame with @auth/pg-adapter, as it is", PostgresAdapter(pool)),
      await sesame("Sesame, SqlAdapter over the same tables", SqlAdapter(db, { authjs: "pg-adapter" })),
    ];
    const check = async (reader: (typeof readers)[number]) => {
      const body = (await (await reader.read()).json()) as { user?: { email?: string } } | null;
      if (body?.user?.email !== user.email) throw new Error(`${reader.name}: unexpected session ${JSON.stringify(body)}`);
    };
    for (const reader of readers) for (let i = 0; i < DB_WARMUP; i++) await check(reader);
    const timings = readers.map((reader) => ({ reader, durations: [] as number[], elapsed: 0 }));
    for (let round = 0; round < AUTHJS_ROUNDS; round++) {
      for (const timing of timings) {
        const started = performance.now();
        for (let i = 0; i < AUTHJS_CALLS / AUTHJS_ROUNDS; i++) {
          const start = performance.now();
          await check(timing.reader);
          timing.durations.push((performance.now() - start) * 1000);
        }
        timing.elapsed += performance.now() - started;
      }
    }
    return timings.map(({ reader, durations, elapsed }) => {
      const sorted = durations.sort((a, b) => a - b);
      return { name: reader.name, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), opsPerSecond: (sorted.length * 1000) / elapsed };
    });
  } finally {
    await pool.end();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

interface JwtResult {
  off: number;
  on: number;
}

/** Median µs/op of JWT session checks without and with revocation, in alternating rounds so that drift hits both alike. */
async function jwtRevocationOverhead(): Promise<JwtResult> {
  // `exposeUserId`: the check below tells a real session from none by its user id.
  const off: SesameConfig = { secret: SECRET, trustHost: true, providers: [], session: { exposeUserId: true } };
  const store = MemoryRevocationStore();
  const on: SesameConfig = { ...off, revocation: { store } };
  const token = await encode({ token: { sub: user.id, name: user.name, email: user.email }, secret: SECRET });
  const request = new Request(PAGE_URL, { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
  const read = async (config: SesameConfig) => {
    const { session } = await getSession(request, config);
    if (session?.user?.id !== user.id) throw new Error("JWT benchmark op returned no session");
  };
  // The first read with revocation waits for the state to start; warm-up takes that out of the figures.
  for (let i = 0; i < JWT_WARMUP; i++) {
    await read(off);
    await read(on);
  }
  const round = async (config: SesameConfig) => {
    const start = performance.now();
    for (let i = 0; i < JWT_OPS_PER_ROUND; i++) await read(config);
    return ((performance.now() - start) * 1000) / JWT_OPS_PER_ROUND;
  };
  const rounds: { off: number[]; on: number[] } = { off: [], on: [] };
  for (let r = 0; r < JWT_ROUNDS; r++) {
    if (r % 2 === 0) {
      rounds.off.push(await round(off));
      rounds.on.push(await round(on));
    } else {
      rounds.on.push(await round(on));
      rounds.off.push(await round(off));
    }
  }
  // Proves the "on" reads really ran the check: once the user's version is raised, the same token is refused.
  await store.bumpUserVersion(user.id);
  if ((await getSession(request, on)).session !== null) throw new Error("revocation is not being checked");
  const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 0.5);
  return { off: median(rounds.off), on: median(rounds.on) };
}

interface PropagationResult {
  sent: number;
  received: number;
  min: number;
  p50: number;
  p99: number;
  max: number;
}

function nextMessage(child: ReturnType<typeof fork>, type: ListenerMessage["type"], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`listener sent no "${type}" within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: ListenerMessage) => {
      if (message.type !== type) return;
      clearTimeout(timer);
      child.off("message", onMessage);
      resolve();
    };
    child.on("message", onMessage);
  });
}

/** Milliseconds from just before `bumpUserVersion` in this process to the change's arrival in a forked one. */
async function revocationPropagation(): Promise<PropagationResult> {
  const prefix = `sesame-bench:${crypto.randomUUID()}:`;
  const child = fork(fileURLToPath(new URL("./revocation-listener.ts", import.meta.url)), [prefix], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const arrivals = new Map<string, number>();
  child.on("message", (message: ListenerMessage) => {
    if (message.type === "change") arrivals.set(message.userId, message.at);
  });
  const store = RedisRevocationStore({ prefix });
  const sent = new Map<string, number>();
  try {
    await nextMessage(child, "subscribed", 15_000);
    // The first command connects this process's client: a one-off cost, not the propagation time.
    await store.bumpUserVersion("warm-up");
    await waitFor(() => arrivals.has("warm-up"), 5_000);

    for (let i = 1; i <= REVOKES; i++) {
      const userId = `user-${i}`;
      sent.set(userId, wallClock());
      await store.bumpUserVersion(userId);
      await sleep(REVOKE_PAUSE_MS);
    }
    // Anything not in after a further 5 s counts as lost rather than holding the run.
    await waitFor(() => [...sent.keys()].every((id) => arrivals.has(id)), 5_000).catch(() => {});
  } finally {
    const exited = child.exitCode === null ? once(child, "exit") : Promise.resolve();
    if (child.connected) child.disconnect();
    const killer = setTimeout(() => child.kill(), 3_000);
    await exited;
    clearTimeout(killer);
    const redis = createClient();
    await redis.connect();
    await redis.del([`${prefix}versions`, `${prefix}revoked`]);
    await redis.close();
  }

  const latencies = [...sent].flatMap(([id, at]) => {
    const arrival = arrivals.get(id);
    return arrival === undefined ? [] : [arrival - at];
  });
  latencies.sort((a, b) => a - b);
  return {
    sent: sent.size,
    received: latencies.length,
    min: latencies[0] ?? Number.NaN,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
  };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}

async function main() {
  const started = performance.now();

  const rows: DatabaseRow[] = [];
  for (const open of [openSqlite, openPostgres]) {
    const database = await open();
    try {
      rows.push(await databaseSessionCheck(database));
    } finally {
      await database.close();
    }
  }
  const authjsRows = await authjsDatabaseSessions();
  const jwt = await jwtRevocationOverhead();
  const propagation = await revocationPropagation();

  const micros = (x: number) => `${x.toFixed(1)} µs`;
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const count = (x: number) => Math.round(x).toLocaleString("en-US");
  const overhead = ((jwt.on - jwt.off) / jwt.off) * 100;

  const databaseTable = [
    "| database-session check | p50 | p99 | ops/s | SQL queries per check |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...rows.map((r) => `| ${r.name} | ${micros(r.p50)} | ${micros(r.p99)} | ${count(r.opsPerSecond)} | ${r.queriesPerCheck.toFixed(2)} |`),
  ].join("\n");
  const [authjsBase = { opsPerSecond: Number.NaN }] = authjsRows;
  const authjsTable = [
    "| `GET /api/auth/session` on an Auth.js database (PostgreSQL) | p50 | p99 | ops/s | vs Auth.js |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...authjsRows.map((r) => `| ${r.name} | ${micros(r.p50)} | ${micros(r.p99)} | ${count(r.opsPerSecond)} | ${(r.opsPerSecond / authjsBase.opsPerSecond).toFixed(2)}× |`),
  ].join("\n");
  const jwtTable = [
    "| JWT session check | µs/op | ops/s |",
    "| --- | ---: | ---: |",
    `| revocation off | ${jwt.off.toFixed(2)} µs | ${count(1e6 / jwt.off)} |`,
    `| revocation on (memory store) | ${jwt.on.toFixed(2)} µs | ${count(1e6 / jwt.on)} |`,
    `| overhead | ${overhead >= 0 ? "+" : ""}${overhead.toFixed(1)} % | |`,
  ].join("\n");
  const propagationTable = [
    "| revoke reaching a second process (Redis pub/sub) | p50 | p99 | max | delivered |",
    "| --- | ---: | ---: | ---: | ---: |",
    `| \`bumpUserVersion\` → subscriber in a forked process | ${ms(propagation.p50)} | ${ms(propagation.p99)} | ${ms(propagation.max)} | ${propagation.received} / ${propagation.sent} |`,
  ].join("\n");

  const verdict = (met: boolean) => (met ? "met" : "NOT met");
  const oneQuery = rows.every((r) => r.queriesPerCheck === 1);
  const allDelivered = propagation.received === propagation.sent;
  const targets = [
    `- a database-session check costs 1 SQL query: ${rows.map((r) => `${r.name} ${r.queriesPerCheck.toFixed(2)}`).join(", ")} — ${verdict(oneQuery)}`,
    `- revocation makes a JWT session check < 10 % slower: ${overhead.toFixed(1)} % (${jwt.off.toFixed(2)} → ${jwt.on.toFixed(2)} µs) — ${verdict(overhead < 10)}`,
    `- a revoke reaches another process with p99 < 1 s: p99 ${ms(propagation.p99)}, ${propagation.received} / ${propagation.sent} delivered — ${verdict(allDelivered && propagation.p99 < 1_000)}`,
  ].join("\n");

  const cpu = cpus();
  const context = [
    `Node ${process.version} on ${process.platform}/${process.arch}, ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}; ${new Date().toISOString()}.`,
    "Database-session checks are `getSession(request, config)` with `SqlAdapter` on a session created by a real credentials sign-in " +
      "(`Auth`: GET /csrf, POST /callback/credentials), the Request built beforehand; each call timed on its own " +
      `(${DB_CALLS.SQLite} calls on SQLite — a better-sqlite3 file in WAL mode —, ${DB_CALLS.PostgreSQL} on PostgreSQL over TCP to 127.0.0.1 in a fresh schema; ` +
      `each after ${DB_WARMUP} warm-up calls). ops/s is calls / wall time of the sequential loop; queries are counted by Kysely's log hook.`,
    `Auth.js database: @auth/pg-adapter's tables in a fresh schema, one user; each reader's session (Auth.js's written by its adapter, ` +
      `Sesame's by a real credentials sign-in) read through \`GET /api/auth/session\` (the Request built per call), ${AUTHJS_CALLS} calls each ` +
      `in ${AUTHJS_ROUNDS} alternating rounds after ${DB_WARMUP} warm-up calls; ops/s from each reader's summed loop time.`,
    `JWT checks: one cookie read repeatedly; median of ${JWT_ROUNDS} rounds of ${JWT_OPS_PER_ROUND} sequential awaited ops per configuration, ` +
      `rounds alternating between the two, after ${JWT_WARMUP} warm-up ops of each.`,
    `Revocation propagation: ${REVOKES} \`bumpUserVersion\` calls ${REVOKE_PAUSE_MS} ms apart on a local Redis; latency = arrival in the forked ` +
      "subscriber − the moment just before the call (HINCRBY then PUBLISH), both on `performance.timeOrigin + performance.now()`; " +
      `one warm-up revoke excluded (min ${ms(propagation.min)}).`,
  ].join("\n");

  const report = `# Persistence benchmark\n\n${context}\n\n${databaseTable}\n\n${authjsTable}\n\n${jwtTable}\n\n${propagationTable}\n\nTargets:\n\n${targets}\n`;
  console.log(`\n${report}\nTotal run: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const results = new URL("./results/", import.meta.url);
  await mkdir(results, { recursive: true });
  await writeFile(new URL("persistence.md", results), report);
}

await main();
// The parent's RedisRevocationStore offers no way to close its command client, which would keep the process alive.
process.exit(0);
