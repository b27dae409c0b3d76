/**
 * Attacks on the sign-in rate limit itself: forged forwarding headers (to slip past the per-IP limit, or to
 * lock a victim out), and attacker-sized identifiers or floods of new keys (to exhaust the memory store or
 * push a victim's counter out of it). Everything goes through `Auth()` with real stores: memory, Redis,
 * each SQL database (SQLite, PostgreSQL, MariaDB), and SQLite for database sessions.
 */
import { isIP } from "node:net";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { RedisRateLimitStore } from "../../src/adapters/redis.node.js";
import { SqlAdapter, SqlRateLimitStore } from "../../src/adapters/sql.js";
import { forwardedClientIp } from "../../src/core/client-ip.js";
import { MemoryRateLimitStore, type RateLimitStore } from "../../src/core/rate-limit/store.js";
import type { SesameConfig } from "../../src/index.js";
import { sqlDatabases, sqliteDatabase, type TestDatabase } from "../support/databases.js";
import { Browser, config, sessionCookie } from "../support/helpers.js";

/** A real store, passed through, remembering every key it was asked about. */
function recording(store: RateLimitStore): { store: RateLimitStore; keys: string[] } {
  const keys: string[] = [];
  return {
    keys,
    store: {
      hit: (key, window) => (keys.push(key), store.hit(key, window)),
      reset: (key) => (keys.push(key), store.reset(key)),
    },
  };
}

/** One credentials attempt as a JSON client makes it, with the given extra headers. */
async function attempt(browser: Browser, username: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  const csrfToken = await browser.csrf();
  return browser.postJson("/api/auth/callback/credentials", { csrfToken, username, password }, { "x-auth-return-redirect": "1", ...headers });
}

const randomIpv4 = () => `203.0.113.${Math.floor(Math.random() * 254) + 1}`;

// Regression (issue 28 item 9): X-Forwarded-For was trusted without proxies: rotating it bypassed the per-IP limit, forging it locked victims out.
describe("spoofed forwarding headers — ASVS V2.2.1 (anti-automation)", () => {
  test("[V2.2.1] without trustedProxies, X-Forwarded-For and X-Real-IP are not read: rotating or forging them changes no counter", async () => {
    const { store, keys } = recording(MemoryRateLimitStore());
    const warnings: string[] = [];
    const browser = new Browser(config({ rateLimit: { store }, logger: { warn: (code) => warnings.push(code) } }));
    for (let i = 0; i < 5; i++) await attempt(browser, `user${i}`, "x", { "x-forwarded-for": randomIpv4(), "x-real-ip": randomIpv4() });
    expect(keys.length).toBe(5);
    expect(keys.filter((key) => key.startsWith("signin:ip:"))).toEqual([]);
    // Only the per-identifier limit applied; the app is told so once, not per attempt.
    expect(warnings).toEqual(["RateLimitWithoutClientIp"]);
  });

  test("[V2.2.1] with trustedProxies: 1, an address the client prepends to X-Forwarded-For is ignored: rotating it does not bypass the per-IP limit", async () => {
    const browser = new Browser(config({ trustedProxies: 1, rateLimit: { store: MemoryRateLimitStore(), perIp: { max: 4, window: 60 } } }));
    // What the proxy forwards: whatever the client sent, then the address it saw.
    const fromAttacker = () => ({ "x-forwarded-for": `${randomIpv4()}, 198.51.100.66` });
    for (let i = 0; i < 4; i++) expect((await attempt(browser, `user${i}`, "x", fromAttacker())).status).toBe(401);
    for (let i = 4; i < 8; i++) expect((await attempt(browser, `user${i}`, "x", fromAttacker())).status, `attempt ${i}`).toBe(429);
    // Another client behind the same proxy is not affected.
    expect((await attempt(browser, "user9", "x", { "x-forwarded-for": "198.51.100.67" })).status).toBe(401);
  });

  test("[V2.2.1] forging a victim's IP in X-Forwarded-For cannot lock the victim out", async () => {
    const victimIp = "203.0.113.5";
    const appConfig = config({ trustedProxies: 1, rateLimit: { store: MemoryRateLimitStore(), perIp: { max: 3, window: 60 } } });
    const attacker = new Browser(appConfig);
    for (let i = 0; i < 6; i++) await attempt(attacker, `user${i}`, "x", { "x-forwarded-for": `${victimIp}, 198.51.100.66` });
    expect((await attempt(attacker, "user9", "x", { "x-forwarded-for": `${victimIp}, 198.51.100.66` })).status).toBe(429);
    const victim = new Browser(appConfig);
    expect((await attempt(victim, "alice", "wonderland", { "x-forwarded-for": victimIp })).status).toBe(200);
  });

  // guards: one client-IP rule for the per-IP limit and the session's ip (issue 29 item 5): the app's
  // `rateLimit.clientIp` wins over `trustedProxies` on both paths (the session's ip: see V3.3.4 below).
  test("[V2.2.1] rateLimit.clientIp keys the per-IP limit, over trustedProxies and X-Forwarded-For", async () => {
    const { store, keys } = recording(MemoryRateLimitStore());
    const browser = new Browser(
      config({ trustedProxies: 1, rateLimit: { store, perIp: { max: 2, window: 60 }, clientIp: (request) => request.headers.get("cf-connecting-ip") } }),
    );
    const from = (ip: string) => ({ "cf-connecting-ip": ip, "x-forwarded-for": randomIpv4() });
    for (let i = 0; i < 2; i++) expect((await attempt(browser, `user${i}`, "x", from("198.51.100.23"))).status).toBe(401);
    expect((await attempt(browser, "user2", "x", from("198.51.100.23"))).status).toBe(429);
    expect((await attempt(browser, "user3", "x", from("198.51.100.24"))).status).toBe(401);
    expect(new Set(keys.filter((key) => key.startsWith("signin:ip:")))).toEqual(new Set(["signin:ip:198.51.100.23", "signin:ip:198.51.100.24"]));
  });

  test("[V2.2.1] trustedProxies must be a whole number of proxies", async () => {
    const errors: Error[] = [];
    const browser = new Browser(config({ trustedProxies: -1, logger: { error: (error) => errors.push(error) } }));
    expect((await browser.fetch("/api/auth/csrf")).status).toBe(500);
    expect(errors[0]?.message).toMatch(/^`trustedProxies` is the number of proxies in front of the app/);
  });
});

// Regression (issue 28 item 9): the session's stored ip came from forgeable forwarding headers, by another rule than the limit's.
describe("the stored session's ip follows the same rule — ASVS V3.3.4 (session list shows the device)", () => {
  let database: TestDatabase;
  let adapterConfig: (overrides: Partial<SesameConfig>) => SesameConfig;
  beforeAll(async () => {
    database = await sqliteDatabase();
    adapterConfig = (overrides) => config({ adapter: SqlAdapter(database.db), ...overrides });
  });
  afterAll(() => database.drop());

  async function storedIp(appConfig: SesameConfig, headers: Record<string, string>): Promise<string | null> {
    const browser = new Browser(appConfig);
    await browser.postForm("/api/auth/callback/credentials", { csrfToken: await browser.csrf(), username: "alice", password: "wonderland" }, headers);
    const [id] = sessionCookie(browser)!.split(".");
    return (await SqlAdapter(database.db).getSessionAndUser(id!))!.session.ip;
  }

  test("[V3.3.4] a forged X-Forwarded-For or X-Real-IP is not stored as the session's ip", async () => {
    expect(await storedIp(adapterConfig({}), { "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.8" })).toBeNull();
    expect(await storedIp(adapterConfig({ trustedProxies: 1 }), { "x-forwarded-for": "203.0.113.9, 198.51.100.4", "x-real-ip": "203.0.113.8" })).toBe("198.51.100.4");
    expect(await storedIp(adapterConfig({ trustedProxies: 1 }), { "x-forwarded-for": "not-an-ip" })).toBeNull();
  });

  test("[V3.3.4] rateLimit.clientIp is the session's ip too", async () => {
    const appConfig = adapterConfig({ rateLimit: { clientIp: (request) => request.headers.get("cf-connecting-ip") } });
    expect(await storedIp(appConfig, { "cf-connecting-ip": "198.51.100.23", "x-forwarded-for": "203.0.113.9" })).toBe("198.51.100.23");
  });
});

// Regression (issue 28 item 10): 60 KB usernames were stored as keys, and a full store was scanned on every hit.
describe("attacker-sized identifiers and floods — ASVS V2.2.1 / V11.1.4 (anti-automation, resource limits)", () => {
  const HUGE = 60 * 1024;
  const hugeName = (i: number) => `${i}-`.padEnd(HUGE, "x");

  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  test("[V11.1.4] 1 500 sign-in attempts with 60 KB usernames keep the memory store within its cap, with short keys", async () => {
    const memory = MemoryRateLimitStore({ maxEntries: 1_000 });
    const { store, keys } = recording(memory);
    const browser = new Browser(config({ rateLimit: { store, perIp: false } }));
    const csrfToken = await browser.csrf();
    for (let i = 0; i < 1_500; i++) {
      const response = await browser.postJson("/api/auth/callback/credentials", { csrfToken, username: hugeName(i), password: "x" }, { "x-auth-return-redirect": "1" });
      expect(response.status).toBe(401);
    }
    expect(keys.length).toBe(1_500);
    expect(Math.max(...keys.map((key) => key.length))).toBeLessThanOrEqual(80);
    expect(memory.size).toBe(1_000);
  }, 60_000);

  test("[V11.1.4] the default memory store holds at most 100 000 counters", async () => {
    const memory = MemoryRateLimitStore();
    for (let i = 0; i < 100_500; i++) await memory.hit(`k${i}`, 60);
    expect(memory.size).toBe(100_000);
  });

  test("[V11.1.4] a hit's work does not grow with the number of counters held", async () => {
    // Every pass over a Map steps a Map iterator: counting the steps counts the store's work.
    const iteratorPrototype = Object.getPrototypeOf(new Map().entries()) as { next(): unknown };
    const steps = vi.spyOn(iteratorPrototype, "next");
    async function stepsOfOneHit(held: number): Promise<number> {
      const memory = MemoryRateLimitStore();
      for (let i = 0; i < held; i++) await memory.hit(`k${i}`, 60);
      steps.mockClear();
      await memory.hit("another", 60);
      return steps.mock.calls.length;
    }
    const few = await stepsOfOneHit(10);
    const many = await stepsOfOneHit(20_000);
    expect(many).toBeLessThanOrEqual(few + 2);
    expect(many).toBeLessThan(20);
  });

  test("[V11.1.4] expired counters are pruned a few per hit, never by a scan of the whole store", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const memory = MemoryRateLimitStore();
    for (let i = 0; i < 20_000; i++) await memory.hit(`old${i}`, 1);
    vi.setSystemTime(Date.now() + 2_000);
    const iteratorPrototype = Object.getPrototypeOf(new Map().entries()) as { next(): unknown };
    const steps = vi.spyOn(iteratorPrototype, "next");
    await memory.hit("new0", 60);
    expect(steps.mock.calls.length).toBeLessThan(20);
    expect(memory.size).toBeGreaterThan(19_000);
    // Pruning outpaces new windows: the expired ones are gone after a bounded number of hits.
    for (let i = 1; i < 5_001; i++) await memory.hit(`new${i}`, 60);
    expect(memory.size).toBe(5_001);
  });

  test("[V2.2.1] flooding a full memory store with new usernames does not push out the counter of an account under attack", async () => {
    const memory = MemoryRateLimitStore({ maxEntries: 100 });
    const browser = new Browser(config({ rateLimit: { store: memory, perIp: false } }));
    for (let i = 0; i < 5; i++) expect((await attempt(browser, "alice", `wrong-${i}`)).status).toBe(401);
    expect((await attempt(browser, "alice", "wonderland")).status).toBe(429);
    const csrfToken = await browser.csrf();
    for (let i = 0; i < 1_000; i++) {
      await browser.postJson("/api/auth/callback/credentials", { csrfToken, username: `flood${i}`, password: "x" }, { "x-auth-return-redirect": "1" });
    }
    expect(memory.size).toBe(100);
    expect((await attempt(browser, "alice", "wonderland")).status).toBe(429);
  }, 30_000);

  describe.each<[string, () => Promise<{ store: RateLimitStore; close(): Promise<void> }>]>([
    ...sqlDatabases.map(([name, open]): [string, () => Promise<{ store: RateLimitStore; close(): Promise<void> }>] => [
      name,
      async () => {
        const database = await open();
        return { store: SqlRateLimitStore(database.db), close: () => database.drop() };
      },
    ]),
    ["Redis", async () => ({ store: RedisRateLimitStore({ prefix: `test:${crypto.randomUUID()}:` }), close: async () => {} })],
  ])("on %s", (_name, open) => {
    test("[V2.2.1] a 60 KB username is counted under a fixed-size key: refused with 401 then 429, never a 503", async () => {
      const shared = await open();
      try {
        const { store, keys } = recording(shared.store);
        const browser = new Browser(config({ rateLimit: { store, perIp: false } }));
        for (let i = 0; i < 5; i++) expect((await attempt(browser, hugeName(1), "x")).status, `attempt ${i}`).toBe(401);
        expect((await attempt(browser, hugeName(1), "x")).status).toBe(429);
        expect(Math.max(...keys.map((key) => key.length))).toBeLessThanOrEqual(80);
      } finally {
        await shared.close();
      }
    });
  });
});

describe("X-Forwarded-For parsing (fuzzed)", () => {
  const hop = fc.oneof(
    fc.ipV4(),
    fc.ipV6(),
    fc.ipV4Extended(),
    fc.string({ unit: "binary", maxLength: 80 }),
    fc.constantFrom("", " ", ",", "unknown", "[::1]:443", "192.0.2.1:8080", "::ffff:192.0.2.1", "1.2.3.4.5", "999.1.1.1", ":::", "1::2::3", "fe80::1%eth0"),
  );
  const header = fc.oneof(
    fc.array(hop, { maxLength: 40 }).map((hops) => hops.join(",")),
    fc.array(hop, { maxLength: 40 }).map((hops) => hops.join(", ")),
    fc.string({ unit: "binary", maxLength: 2_000 }),
    fc.tuple(fc.nat({ max: 60_000 }), fc.constantFrom(",", "1", ":", " ,", "a")).map(([n, unit]) => unit.repeat(n)),
  );

  test("[V2.2.1] any header gives a valid IP or none, in bounded time", () => {
    fc.assert(
      fc.property(header, fc.integer({ min: 0, max: 16 }), (value, proxies) => {
        const timed = () => {
          const started = performance.now();
          return { ip: forwardedClientIp(value, proxies), ms: performance.now() - started };
        };
        // A slow first run is measured again: on a shared machine a GC or scheduler pause is not the parser's cost.
        let { ip, ms } = timed();
        if (ms >= 10) ({ ip, ms } = timed());
        expect(ms).toBeLessThan(10);
        if (ip !== undefined) expect(isIP(ip), JSON.stringify(ip)).not.toBe(0);
      }),
      { numRuns: 2_000 },
    );
  });

  test("[V2.2.1] the hop the outermost trusted proxy appended is the client, whatever the client put before it", () => {
    fc.assert(
      fc.property(fc.array(hop, { maxLength: 10 }), fc.oneof(fc.ipV4(), fc.ipV6()), fc.array(fc.ipV4(), { maxLength: 5 }), (forged, client, proxies) => {
        const value = [...forged, client, ...proxies].join(", ");
        const ip = forwardedClientIp(value, proxies.length + 1);
        expect(ip).toBeDefined();
        expect(isIP(ip!)).toBe(isIP(client) === 6 && isIP(ip!) === 4 ? 4 : isIP(client));
        if (isIP(ip!) === isIP(client)) expect(ip).toBe(client.toLowerCase());
      }),
      { numRuns: 1_000 },
    );
  });

  test("[V2.2.1] fewer hops than trusted proxies give no IP", () => {
    expect(forwardedClientIp("198.51.100.4", 2)).toBeUndefined();
    expect(forwardedClientIp(",198.51.100.4", 3)).toBeUndefined();
    expect(forwardedClientIp("198.51.100.4", 0)).toBeUndefined();
    expect(forwardedClientIp("203.0.113.9, 198.51.100.4", 2)).toBe("203.0.113.9");
    expect(forwardedClientIp("[2001:DB8::1]:443", 1)).toBe("2001:db8::1");
    expect(forwardedClientIp("::ffff:192.0.2.1", 1)).toBe("192.0.2.1");
  });
});
