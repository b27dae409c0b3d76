/** Sign-in attempts are limited per identifier and per IP, on every store: memory, SQLite, PostgreSQL, MariaDB, Redis. */
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { RedisRateLimitStore } from "../../../src/adapters/redis.node.js";
import { SqlRateLimitStore } from "../../../src/adapters/sql.js";
import { MemoryRateLimitStore, type RateLimitStore } from "../../../src/core/rate-limit/store.js";
import { sqlDatabases, type TestDatabase } from "../../support/databases.js";
import { Browser, ORIGIN, config, sessionCookie } from "../../support/helpers.js";

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
});

/** Each SQL database once, opened on first use and dropped when the file ends. */
const sqlStores = sqlDatabases.map(([name, open]): [string, () => Promise<RateLimitStore>] => [
  name,
  async () => {
    const database = await open();
    databases.push(database);
    return SqlRateLimitStore(database.db);
  },
]);

const stores: Array<[string, () => Promise<RateLimitStore>]> = [
  ["memory", async () => MemoryRateLimitStore()],
  ...sqlStores,
  ["Redis", async () => RedisRateLimitStore({ prefix: `test:${crypto.randomUUID()}:` })],
];

describe.each(stores)("rate limits on %s", (_name, open) => {
  let store: RateLimitStore;
  beforeEach(async () => {
    store = await open();
  });

  const attempt = (browser: Browser, username: string, password: string, ip = "192.0.2.1") =>
    browser.postJson("/api/auth/callback/credentials", { csrfToken: "", username, password }, { "x-forwarded-for": ip, "x-auth-return-redirect": "1" });

  async function signedAttempt(browser: Browser, username: string, password: string, ip?: string) {
    const csrfToken = await browser.csrf();
    return browser.postJson("/api/auth/callback/credentials", { csrfToken, username, password }, { "x-forwarded-for": ip ?? "192.0.2.1", "x-auth-return-redirect": "1" });
  }

  test("per identifier: after 5 failures the 6th attempt is refused with 429 and Retry-After, even with the right password", async () => {
    const browser = new Browser(config({ rateLimit: { store, perIp: false } }));
    for (let i = 0; i < 5; i++) expect((await signedAttempt(browser, "alice", "wrong")).status).toBe(401);
    const locked = await signedAttempt(browser, "alice", "wonderland");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(250);
    expect(await locked.json()).toMatchObject({ error: "RateLimited", message: expect.stringMatching(/^Too many sign-in attempts\. Try again in \d+ seconds\.$/) });
    expect(sessionCookie(browser)).toBeUndefined();
    void attempt;
  });

  test("a form post that is limited goes back to the sign-in page with RateLimited", async () => {
    const browser = new Browser(config({ rateLimit: { store, perIp: false, perIdentifier: { max: 1, window: 60 } } }));
    await browser.signIn({ username: "bob", password: "x" });
    const response = await browser.signIn({ username: "bob", password: "x" });
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("location")!).searchParams.get("error")).toBe("RateLimited");
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(response.headers.get("location")!.startsWith(`${ORIGIN}/api/auth/signin`)).toBe(true);
  });

  test("a successful sign-in clears the identifier's count", async () => {
    const browser = new Browser(config({ rateLimit: { store, perIp: false, perIdentifier: { max: 3, window: 60 } } }));
    const user = "alice";
    await signedAttempt(browser, user, "wrong");
    await signedAttempt(browser, user, "wrong");
    expect((await signedAttempt(browser, user, "wonderland")).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await signedAttempt(browser, user, "wrong")).status).toBe(401);
  });

  test("per IP: many identifiers from one address are stopped; another address is not", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    // Behind one proxy: the address it appends to X-Forwarded-For is the client's.
    const browser = new Browser(config({ trustedProxies: 1, rateLimit: { store, perIp: { max: 4, window: 60 } } }));
    for (let i = 0; i < 4; i++) expect((await signedAttempt(browser, `user${i}`, "x", ip)).status).toBe(401);
    expect((await signedAttempt(browser, "user9", "x", ip)).status).toBe(429);
    expect((await signedAttempt(browser, "user9", "x", "203.0.113.9")).status).toBe(401);
  });
});

describe.each(sqlStores)("the SQL store on %s under concurrency", (_name, open) => {
  test("200 hits at once on one key count 1 to 200, each exactly once, in one window", async () => {
    const store = await open();
    const key = `race:${crypto.randomUUID()}`;
    const hits = await Promise.all(Array.from({ length: 200 }, () => store.hit(key, 60)));
    expect(hits.map((hit) => hit.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(hits.map((hit) => hit.resetAt)).size).toBe(1);
    expect((await store.hit(key, 60)).count).toBe(201);
  });

  test("concurrent hits on many keys: each key counts its own", async () => {
    const store = await open();
    const keys = Array.from({ length: 20 }, () => `many:${crypto.randomUUID()}`);
    await Promise.all(keys.flatMap((key) => Array.from({ length: 10 }, () => store.hit(key, 60))));
    for (const key of keys) expect((await store.hit(key, 60)).count).toBe(11);
  });
});

describe("rate limit store faults and options", () => {
  test("a store that is down pauses sign-in with a 503, it never lets guesses through", async () => {
    const browser = new Browser(config({ rateLimit: { store: RedisRateLimitStore({ url: "redis://127.0.0.1:1", connectTimeout: 300 }) }, logger: { error: () => {} } }));
    const response = await browser.postJson("/api/auth/callback/credentials", { csrfToken: await browser.csrf(), username: "alice", password: "wonderland" });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: "AdapterError" });
  });

  test("rateLimit: false turns it off", async () => {
    const browser = new Browser(config({ rateLimit: false }));
    for (let i = 0; i < 8; i++) await browser.signIn({ username: "carol", password: "x" });
    const last = await browser.signIn({ username: "carol", password: "x" });
    expect(new URL(last.headers.get("location")!).searchParams.get("error")).toBe("CredentialsSignin");
  });
});
