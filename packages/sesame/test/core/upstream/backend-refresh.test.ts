/**
 * Seeds 001/002: a credentials provider backed by an API that issues 15-minute access and 7-day refresh
 * JWTs, rotated on every refresh with reuse detection (the sample backend, a real HTTP server). No `jwt`
 * callback anywhere: Sesame keeps the tokens fresh, once, whatever the concurrency.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { startBackend, type Backend } from "../../../../../examples/backend/backend.js";
import { RedisRefreshCoordinator, RedisTokenStore } from "../../../src/adapters/redis.node.js";
import { SqlRefreshCoordinator, SqlTokenStore } from "../../../src/adapters/sql.js";
import { getAccessToken, getSession, MemoryTokenStore, type RefreshCoordinator, type Session, type SesameConfig, type UpstreamTokenStore } from "../../../src/index.js";
import Credentials from "../../../src/providers/credentials.js";
import { sqlServers, type TestDatabase } from "../../support/databases.js";
import { decode } from "../../../src/jwt.js";
import { Browser, ORIGIN, SECRET, sessionCookie } from "../../support/helpers.js";

let backend: Backend;
beforeAll(async () => {
  backend = await startBackend({ refreshDelay: 50 });
});
afterAll(() => backend.close());
afterEach(() => {
  vi.useRealTimers();
  backend.setDown(false);
});

const post = async (path: string, body: unknown) => {
  const response = await fetch(`${backend.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as { access: string; refresh: string };
};

/** The seed's provider, as a user writes it with Sesame: authorize returns the tokens, one hook refreshes. */
const backendProvider = () =>
  Credentials({
    credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
    async authorize({ username, password }) {
      const response = await fetch(`${backend.url}/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }) });
      if (!response.ok) return null;
      const tokens = (await response.json()) as { access: string; refresh: string };
      const me = (await (await fetch(`${backend.url}/me`, { headers: { authorization: `Bearer ${tokens.access}` } })).json()) as { id: number; name: string; email: string };
      return { id: String(me.id), name: me.name, email: me.email, tokens };
    },
    tokens: { refresh: ({ refreshToken }) => post("/refresh", { refresh: refreshToken }) },
  });

function baseApp(overrides: Partial<SesameConfig> = {}): SesameConfig {
  return { secret: SECRET, trustHost: true, rateLimit: false, providers: [backendProvider()], logger: { warn: () => {} }, ...overrides };
}

/**
 * Where JWT sessions keep the backend's tokens: in the cookie (the default), or in a `tokens.store` — one per
 * kind, shared by every config of a test, as the processes of one app share theirs.
 */
const keptIn: Array<[string, () => Promise<{ store?: UpstreamTokenStore; close(): Promise<void> }>]> = [
  ["in the cookie", async () => ({ close: async () => {} })],
  ["in a MemoryTokenStore", async () => ({ store: MemoryTokenStore(), close: async () => {} })],
  ["in Redis (RedisTokenStore)", async () => ({ store: RedisTokenStore({ prefix: `t:store:${crypto.randomUUID()}:` }), close: async () => {} })],
  ...sqlServers.map(([name, open]): [string, () => Promise<{ store: UpstreamTokenStore; close(): Promise<void> }>] => [
    `in ${name} (SqlTokenStore)`,
    async () => {
      const database = await open();
      return { store: SqlTokenStore(database.db), close: () => database.drop() };
    },
  ]),
];

/** The app of the tests below, with the store of the describe block that runs them. */
let app = baseApp;

const MINUTE = 60_000;
function startClock() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date());
}
const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);

async function signedIn(config: SesameConfig) {
  const browser = new Browser(config);
  await browser.signIn({ username: "alice", password: "wonderland" });
  expect(sessionCookie(browser)).toBeDefined();
  return browser;
}

const callMe = async (accessToken: string | null) =>
  (await fetch(`${backend.url}/me`, { headers: { authorization: `Bearer ${accessToken}` } })).status;

describe.each(keptIn)("refreshing a backend's tokens kept %s, with no jwt callback code", (_where, open) => {
  let opened: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    opened = await open();
    const { store } = opened;
    app = (overrides = {}) => baseApp({ ...overrides, tokens: { ...(store && { store }), ...overrides.tokens } });
  });
  afterAll(async () => {
    app = baseApp;
    await opened?.close();
  });

  test("15 minutes later the next request refreshes once, stores the rotated tokens, and the new access token works", async () => {
    startClock();
    const config = app();
    const browser = await signedIn(config);
    const before = await getAccessToken(browser.request("/"), config);
    expect(await callMe(before.accessToken)).toBe(200);
    const refreshes = backend.stats.refreshes;

    advance(15 * MINUTE);
    const response = await browser.fetch("/api/auth/session");
    expect(await response.json()).toMatchObject({ user: { name: "Alice Example" } });
    expect(response.headers.getSetCookie().some((c) => c.startsWith("sesame.session-token="))).toBe(true);
    expect(backend.stats.refreshes).toBe(refreshes + 1);

    const after = await getAccessToken(browser.request("/"), config);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(await callMe(after.accessToken)).toBe(200);
    expect(backend.stats.refreshes).toBe(refreshes + 1);
  });

  test("50 concurrent requests with an expired token: exactly 1 refresh call, 50 successes", async () => {
    startClock();
    const refreshed = vi.fn();
    const config = app({ events: { tokenRefreshed: refreshed } });
    const browser = await signedIn(config);
    const { refreshes, reuseDetections } = backend.stats;
    advance(16 * MINUTE);
    const results = await Promise.all(Array.from({ length: 50 }, () => getAccessToken(browser.request("/"), config)));
    expect(backend.stats.refreshes).toBe(refreshes + 1);
    expect(backend.stats.reuseDetections).toBe(reuseDetections);
    expect(results.filter((r) => r.accessToken && !r.error)).toHaveLength(50);
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
    expect(await callMe(results[0]!.accessToken)).toBe(200);
    expect(refreshed).toHaveBeenCalledOnce();
  });

  test("a request that still carries the old cookie after the refresh gets the new tokens, not a second refresh", async () => {
    startClock();
    const config = app();
    const browser = await signedIn(config);
    const oldCookie = sessionCookie(browser)!;
    advance(16 * MINUTE);
    const first = await getAccessToken(browser.request("/"), config);
    const { refreshes, reuseDetections } = backend.stats;
    // A second tab whose request left before the first answer arrived.
    const late = await getAccessToken(new Request(`${ORIGIN}/`, { headers: { cookie: `sesame.session-token=${oldCookie}` } }), config);
    expect(late.accessToken).toBe(first.accessToken);
    expect(backend.stats.refreshes).toBe(refreshes);
    expect(backend.stats.reuseDetections).toBe(reuseDetections);
  });

  test("the refresh token's own expiry passed: RefreshTokenExpired, without calling the backend", async () => {
    startClock();
    const failed = vi.fn();
    const config = app({ events: { tokenRefreshFailed: failed } });
    const browser = await signedIn(config);
    const { refreshes } = backend.stats;
    advance(8 * 24 * 60 * MINUTE);
    const session = (await browser.session()) as Session;
    expect(session.error).toBe("RefreshTokenExpired");
    expect(backend.stats.refreshes).toBe(refreshes);
    expect(failed).toHaveBeenCalledWith(expect.objectContaining({ error: "RefreshTokenExpired", userId: "1" }));
    expect(await getAccessToken(browser.request("/"), config)).toMatchObject({ accessToken: null, error: "RefreshTokenExpired" });
  });

  test("the backend is down: RefreshTokenError in the session, never a 500; it recovers when the backend does", async () => {
    startClock();
    const config = app();
    const browser = await signedIn(config);
    advance(16 * MINUTE);
    backend.setDown(true);
    const response = await browser.fetch("/api/auth/session");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ user: { name: "Alice Example" }, error: "RefreshTokenError" });
    backend.setDown(false);
    expect(((await browser.session()) as Session).error).toBeUndefined();
  });

  test('onRefreshError: "end-session" signs the user out instead', async () => {
    startClock();
    const config = app({ tokens: { onRefreshError: "end-session" } });
    const browser = await signedIn(config);
    advance(16 * MINUTE);
    backend.setDown(true);
    const response = await browser.fetch("/api/auth/session");
    expect(await response.json()).toBeNull();
    expect(sessionCookie(browser)).toBeUndefined();
  });

  test("the session cookie holds the tokens, or with a store only a reference to them", async () => {
    const browser = await signedIn(app());
    const claims = await decode({ token: sessionCookie(browser)!, secret: SECRET, salt: "sesame.session-token" });
    const upstream = claims?.upstream as Record<string, unknown>;
    expect(upstream.provider).toBe("credentials");
    if (opened.store) {
      expect(upstream).toEqual({ provider: "credentials", stored: true, refreshable: true, expiresAt: expect.any(Number), refreshExpiresAt: expect.any(Number) });
      expect(JSON.stringify(claims)).not.toMatch(/eyJ/);
    } else {
      expect(upstream).toMatchObject({ accessToken: expect.stringMatching(/^eyJ/), refreshToken: expect.stringMatching(/^eyJ/) });
    }
  });

  test("tokens stay on the server: neither token is in the session JSON unless the access token is exposed on purpose", async () => {
    const hidden = await signedIn(app());
    const { accessToken } = await getAccessToken(hidden.request("/"), app());
    void accessToken;
    const json = JSON.stringify(await hidden.session());
    expect(json).not.toMatch(/eyJ/);
    const exposedConfig = app({ tokens: { exposeAccessToken: true } });
    const exposed = await signedIn(exposedConfig);
    const session = (await exposed.session()) as Session;
    expect(await callMe(session.accessToken!)).toBe(200);
    expect(JSON.stringify(session).match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g)).toEqual([session.accessToken]);
  });
});

describe("tokens kept server-side with database sessions (the cookie holds only a reference)", () => {
  test("the cookie carries no token; refreshes update the stored session, once under concurrency", async () => {
    const { sqliteDatabase } = await import("../../support/databases.js");
    const { SqlAdapter } = await import("../../../src/adapters/sql.js");
    const database = await sqliteDatabase();
    try {
      startClock();
      const config = app({ adapter: SqlAdapter(database.db) });
      const browser = await signedIn(config);
      const cookie = sessionCookie(browser)!;
      expect(cookie).toMatch(/^[\w-]{22}\.[\w-]{44}$/);
      const before = await getAccessToken(browser.request("/"), config);
      const { refreshes, reuseDetections } = backend.stats;
      advance(16 * MINUTE);
      const results = await Promise.all(Array.from({ length: 20 }, () => getAccessToken(browser.request("/"), config)));
      expect(backend.stats.refreshes).toBe(refreshes + 1);
      expect(backend.stats.reuseDetections).toBe(reuseDetections);
      expect(results.every((r) => r.accessToken && r.accessToken !== before.accessToken)).toBe(true);
      // Stored: a later request (same cookie, no grace needed) reads the refreshed token from the database.
      expect((await getAccessToken(browser.request("/"), config)).accessToken).toBe(results[0]!.accessToken);
      expect(sessionCookie(browser)).toBe(cookie);
    } finally {
      await database.drop();
    }
  });
});

describe("two server processes racing on the same cookie", () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  const race = async (coordinators: [RefreshCoordinator, RefreshCoordinator], store?: UpstreamTokenStore) => {
    startClock();
    // Two configs: two in-process states, as two server processes have.
    const [a, b] = coordinators.map((coordinator) => app({ tokens: { coordinator, ...(store && { store }) } }));
    const browser = await signedIn(a!);
    const { refreshes, reuseDetections } = backend.stats;
    advance(16 * MINUTE);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => getAccessToken(browser.request("/"), i % 2 ? a! : b!)),
    );
    return { results, refreshes: backend.stats.refreshes - refreshes, reuse: backend.stats.reuseDetections - reuseDetections };
  };

  test.each<[string, () => Promise<[RefreshCoordinator, RefreshCoordinator]>]>([
    ["Redis", async () => [RedisRefreshCoordinator({ prefix: "t:race:" }), RedisRefreshCoordinator({ prefix: "t:race:" })]],
    ...sqlServers.map(([name, open]): [string, () => Promise<[RefreshCoordinator, RefreshCoordinator]>] => [
      name,
      async () => {
        const database = await open();
        databases.push(database);
        return [SqlRefreshCoordinator(database.db), SqlRefreshCoordinator(database.db)];
      },
    ]),
  ])("coordinated through %s: 1 refresh, 0 reuse detections, all succeed", async (_name, make) => {
    const { results, refreshes, reuse } = await race(await make());
    expect(refreshes).toBe(1);
    expect(reuse).toBe(0);
    expect(results.every((r) => r.accessToken && !r.error)).toBe(true);
  });

  test("with the tokens in a shared RedisTokenStore too: 1 refresh, 0 reuse detections, all succeed", async () => {
    const prefix = `t:race-store:${crypto.randomUUID()}:`;
    const { results, refreshes, reuse } = await race([RedisRefreshCoordinator({ prefix }), RedisRefreshCoordinator({ prefix })], RedisTokenStore({ prefix }));
    expect(refreshes).toBe(1);
    expect(reuse).toBe(0);
    expect(results.every((r) => r.accessToken && !r.error)).toBe(true);
  });

  test("without a shared coordinator the backend does see reuse (what the coordinator prevents)", async () => {
    const { getSession: _unused } = { getSession };
    const memory = (await import("../../../src/core/upstream/coordinator.js")).MemoryRefreshCoordinator;
    const { reuse } = await race([memory(), memory()]);
    expect(reuse).toBe(1);
  });
});
