/** Database sessions on the real stores: SQLite (the embedded default), PostgreSQL and memory. */
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { MemoryAdapter } from "../../../src/adapters/memory.js";
import { withRedisSessions } from "../../../src/adapters/redis.node.js";
import { SqlAdapter, type SesameDatabase } from "../../../src/adapters/sql.js";
import type { Adapter } from "../../../src/core/adapter.js";
import type { JWT, Session, SesameConfig } from "../../../src/index.js";
import type { Kysely } from "kysely";
import { postgresDatabase, sqliteDatabase, type TestDatabase } from "../../support/databases.js";
import { Browser, alice, config, sessionCookie, setCookies } from "../../support/helpers.js";

/** Counts adapter calls by name, to prove what a request costs. */
function counting(adapter: Adapter) {
  const calls: string[] = [];
  const counted = Object.fromEntries(
    Object.entries(adapter).map(([name, fn]) => [name, (...args: unknown[]) => (calls.push(name), (fn as (...a: unknown[]) => unknown)(...args))]),
  ) as unknown as Adapter;
  return { adapter: counted, calls };
}

const stores: Array<[string, () => Promise<{ adapter: Adapter; db?: Kysely<SesameDatabase>; close(): Promise<void> }>]> = [
  ["SQLite", async () => {
    const database: TestDatabase = await sqliteDatabase();
    return { adapter: SqlAdapter(database.db), db: database.db, close: database.drop };
  }],
  ["PostgreSQL", async () => {
    const database: TestDatabase = await postgresDatabase();
    return { adapter: SqlAdapter(database.db), db: database.db, close: database.drop };
  }],
  ["memory", async () => ({ adapter: MemoryAdapter(), close: async () => {} })],
  ["SQLite with sessions in Redis", async () => {
    const database: TestDatabase = await sqliteDatabase();
    return { adapter: withRedisSessions(SqlAdapter(database.db), { prefix: `test:${crypto.randomUUID()}:` }), close: database.drop };
  }],
];

describe.each(stores)("database sessions on %s", (_name, open) => {
  let store: Awaited<ReturnType<typeof open>>;
  let calls: string[];
  let appConfig: (overrides?: Partial<SesameConfig>) => SesameConfig;

  beforeAll(async () => {
    store = await open();
    const counted = counting(store.adapter);
    calls = counted.calls;
    appConfig = (overrides = {}) => config({ adapter: counted.adapter, ...overrides });
  });
  afterAll(() => store.close());
  afterEach(() => {
    calls.length = 0;
    vi.useRealTimers();
  });

  test("credentials sign in to a database session: an opaque cookie, the user stored under authorize's id", async () => {
    const browser = new Browser(appConfig());
    expect((await browser.signIn()).status).toBe(302);
    const cookie = sessionCookie(browser)!;
    expect(cookie).toMatch(/^[\w-]{22}\.[\w-]{44}$/);
    expect(await store.adapter.getUser("1")).toMatchObject({ id: "1", name: "Alice", email: "alice@example.com" });
    expect(await browser.session()).toEqual({ user: { id: "1", name: "Alice", email: "alice@example.com", image: "https://example.com/a.png" }, expires: expect.any(String) });
  });

  test("only the secret's SHA-256 is stored: the cookie's secret appears nowhere in the database", async () => {
    const browser = new Browser(appConfig());
    await browser.signIn();
    const [id, secret] = sessionCookie(browser)!.split(".") as [string, string];
    const { session } = (await store.adapter.getSessionAndUser(id))!;
    expect(session.secretHash).toMatch(/^[\w-]{43}$/);
    expect(session.secretHash).not.toBe(secret);
    if (store.db) {
      const rows = await sql<{ dump: string }>`select ${sql.ref("secret_hash")} || ${sql.ref("id")} || ${sql.ref("data")} as dump from sesame_sessions`.execute(store.db);
      expect(rows.rows.some((r) => r.dump.includes(secret))).toBe(false);
    }
  });

  test("a session check costs one adapter call, and no write within updateAge", async () => {
    const browser = new Browser(appConfig());
    await browser.signIn();
    calls.length = 0;
    const response = await browser.fetch("/api/auth/session");
    expect(await response.json()).toMatchObject({ user: { id: "1" } });
    expect(calls).toEqual(["getSessionAndUser"]);
    expect(setCookies(response)).toEqual([]);
  });

  test("sliding expiry: after updateAge one write extends the session and re-sends the cookie", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-01T00:00:00Z"));
    const browser = new Browser(appConfig({ session: { maxAge: 7200, updateAge: 600 } }));
    await browser.signIn();
    const first = (await browser.session()) as Session;
    vi.setSystemTime(Date.now() + 601_000);
    calls.length = 0;
    const response = await browser.fetch("/api/auth/session");
    const renewed = (await response.json()) as Session;
    expect(calls).toEqual(["getSessionAndUser", "updateSession"]);
    expect(new Date(renewed.expires).getTime() - new Date(first.expires).getTime()).toBe(601_000);
    expect(setCookies(response)[0]).toMatchObject({ name: "sesame.session-token", attributes: { "max-age": "7200" } });
  });

  test("an expired session is refused, deleted, and its cookie cleared", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-01T00:00:00Z"));
    const browser = new Browser(appConfig({ session: { maxAge: 60 } }));
    await browser.signIn();
    const id = sessionCookie(browser)!.split(".")[0]!;
    vi.setSystemTime(Date.now() + 61_000);
    const response = await browser.fetch("/api/auth/session");
    expect(await response.json()).toBeNull();
    expect(setCookies(response)[0]?.attributes["max-age"]).toBe("0");
    expect(await store.adapter.getSessionAndUser(id)).toBeNull();
  });

  test("a wrong secret for a real session id is refused and does not end the real session", async () => {
    const browser = new Browser(appConfig());
    await browser.signIn();
    const [id] = sessionCookie(browser)!.split(".");
    const attacker = new Browser(appConfig());
    attacker.jar.set("sesame.session-token", `${id}.${"A".repeat(43)}`);
    expect(await attacker.session()).toBeNull();
    expect(await browser.session()).not.toBeNull();
  });

  test("update() runs jwt with trigger update and persists the result with the session", async () => {
    const browser = new Browser(
      appConfig({
        callbacks: {
          jwt: ({ token, trigger, session }) => (trigger === "update" ? { ...token, theme: session?.theme } : token),
          session: ({ session, token, user }) => ({ ...session, theme: token.theme, userEmail: user?.email }) as Session,
        },
      }),
    );
    await browser.signIn();
    const response = await browser.postJson("/api/auth/session", { csrfToken: await browser.csrf(), data: { theme: "dark" } });
    expect(await response.json()).toMatchObject({ theme: "dark", userEmail: "alice@example.com" });
    // Persisted: a fresh read (a new request) sees it.
    expect(await browser.session()).toMatchObject({ theme: "dark" });
  });

  test("sign-out deletes the session: the old cookie, replayed, gets nothing", async () => {
    const signOut = vi.fn();
    const browser = new Browser(appConfig({ events: { signOut } }));
    await browser.signIn();
    const stolen = sessionCookie(browser)!;
    await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf() });
    expect(signOut).toHaveBeenCalledWith(expect.objectContaining({ session: expect.objectContaining({ userId: "1" }) }));
    const replay = new Browser(appConfig());
    replay.jar.set("sesame.session-token", stolen);
    expect(await replay.session()).toBeNull();
  });

  test("a session callback that throws ends the session: nobody, the row deleted, the cookie cleared, SessionTokenError logged", async () => {
    let stale = false;
    const logged: Error[] = [];
    const browser = new Browser(
      appConfig({
        callbacks: {
          session: ({ session }) => {
            if (stale) throw new Error("Token expired");
            return session;
          },
        },
        logger: { error: (error) => void logged.push(error), warn: () => {}, debug: () => {} },
      }),
    );
    await browser.signIn();
    const cookie = sessionCookie(browser)!;
    stale = true;
    expect(await browser.session()).toBeNull();
    expect(sessionCookie(browser)).toBeUndefined();
    expect(logged.map((error) => [error.name, (error.cause as Error).message])).toEqual([["SessionTokenError", "Token expired"]]);
    stale = false;
    const replay = new Browser(appConfig());
    replay.jar.set("sesame.session-token", cookie);
    expect(await replay.session()).toBeNull();
  });

  test("the jwt callback's sign-in result is kept as the session's data", async () => {
    const browser = new Browser(appConfig({ callbacks: { jwt: ({ token, user }) => (user ? { ...token, role: "admin" } : token), session: ({ session, token }) => ({ ...session, role: token.role }) as Session } }));
    await browser.signIn();
    expect(await browser.session()).toMatchObject({ role: "admin" });
    const [id] = sessionCookie(browser)!.split(".");
    expect((await store.adapter.getSessionAndUser(id!))!.session.data).toMatchObject({ role: "admin", sub: "1" } satisfies JWT);
  });

  test("sessions remember the device: IP (from a trusted proxy) and user agent", async () => {
    // Two proxies in front: a CDN appended the client's address, the load balancer the CDN's.
    const browser = new Browser(appConfig({ trustedProxies: 2 }));
    await browser.postForm("/api/auth/callback/credentials", { csrfToken: await browser.csrf(), username: "alice", password: "wonderland" }, { "x-forwarded-for": "198.51.100.4, 10.0.0.1", "user-agent": "Firefox/140" });
    const [id] = sessionCookie(browser)!.split(".");
    expect((await store.adapter.getSessionAndUser(id!))!.session).toMatchObject({ ip: "198.51.100.4", userAgent: "Firefox/140" });
    void alice;
  });
});

describe("configuration", () => {
  test("strategy database without an adapter is a configuration error", async () => {
    const errors: Error[] = [];
    const browser = new Browser(config({ session: { strategy: "database" }, logger: { error: (e) => errors.push(e) } }));
    expect((await browser.fetch("/api/auth/session")).status).toBe(500);
    expect(errors[0]?.message).toBe('`session.strategy: "database"` needs an `adapter` to store the sessions in.');
  });

  test("an adapter with strategy jwt keeps cookie sessions", async () => {
    const browser = new Browser(config({ adapter: MemoryAdapter(), session: { strategy: "jwt" } }));
    await browser.signIn();
    expect(sessionCookie(browser)!.split(".")).toHaveLength(5);
  });
});
