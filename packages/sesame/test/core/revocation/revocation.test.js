/**
 * Revoking JWT sessions: sign-out kills the token everywhere, a user's sessions end together, and changes
 * reach other server processes through Redis in well under a second — with the in-memory check on every
 * request and no network call. When the channel is down, the policy decides.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { RedisRevocationStore } from "../../../src/adapters/redis.node.js";
import { resolveConfig } from "../../../src/core/config/resolve.js";
import { MemoryRevocationStore } from "../../../src/core/revocation/memory.js";
import { getSession, revokeUserSessions } from "../../../src/index.js";
import { privateRedis } from "../../support/servers.js";
import { Browser, config, sessionCookie } from "../../support/helpers.js";
const closers = [];
afterEach(async () => {
    while (closers.length)
        await closers.pop()();
});
/** A config as one server process would have it: its own revocation state over `store`. */
function serverProcess(store, revocation = {}) {
    const appConfig = config({ revocation: { store, ...revocation } });
    closers.push(() => resolveConfig(appConfig).revocation.close());
    return appConfig;
}
const redisStore = (prefix = `test:${crypto.randomUUID()}:`, url) => RedisRevocationStore({ prefix, ...(url && { url }) });
describe.each([
    ["memory", () => MemoryRevocationStore()],
    ["Redis", () => redisStore()],
])("revocation store conformance: %s", (_name, make) => {
    test("revocations are in the snapshot (expired ones are not) and reach subscribers", async () => {
        const store = make();
        const changes = [];
        let live = false;
        const subscription = await store.subscribe((change) => changes.push(change), (connected) => (live = connected));
        closers.push(() => subscription.close());
        // Changes reach subscribers from when the channel is live (Redis: once SUBSCRIBE is done, in the background).
        // Without this wait the test raced the subscription and, now and then, missed the first change.
        await vi.waitFor(() => expect(live).toBe(true), { timeout: 1_000 });
        const exp = Math.floor(Date.now() / 1000) + 600;
        await store.revokeSession("jti-live", exp);
        await store.revokeSession("jti-expired", Math.floor(Date.now() / 1000) - 1);
        expect(await store.bumpUserVersion("u1")).toBe(1);
        expect(await store.bumpUserVersion("u1")).toBe(2);
        const snapshot = await store.snapshot();
        expect(snapshot.sessions.filter((s) => s.exp > Date.now() / 1000)).toEqual([{ jti: "jti-live", exp }]);
        expect(snapshot.versions).toEqual([{ userId: "u1", version: 2 }]);
        await vi.waitFor(() => expect(changes).toContainEqual({ type: "user", userId: "u1", version: 2 }), { timeout: 1_000 });
        expect(changes).toContainEqual({ type: "session", jti: "jti-live", exp });
    });
});
describe("in one process", () => {
    test("a signed-out token is dead: replaying the old cookie gets no session", async () => {
        const appConfig = serverProcess(MemoryRevocationStore());
        const browser = new Browser(appConfig);
        await browser.signIn();
        const stolen = sessionCookie(browser);
        await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf() });
        const thief = new Browser(appConfig);
        thief.jar.set("sesame.session-token", stolen);
        expect(await thief.session()).toBeNull();
    });
    test("revokeUserSessions ends every JWT session of the user; new sign-ins work", async () => {
        const appConfig = serverProcess(MemoryRevocationStore());
        const [laptop, phone] = [new Browser(appConfig), new Browser(appConfig)];
        await laptop.signIn();
        await phone.signIn();
        await revokeUserSessions(appConfig, "1");
        expect(await laptop.session()).toBeNull();
        expect(await phone.session()).toBeNull();
        const again = new Browser(appConfig);
        await again.signIn();
        expect(await again.session()).toMatchObject({ user: { id: "1" } });
    });
    test("tokens carry the user's version (ver)", async () => {
        const appConfig = serverProcess(MemoryRevocationStore());
        await revokeUserSessions(appConfig, "1");
        await revokeUserSessions(appConfig, "1");
        const browser = new Browser(appConfig);
        await browser.signIn();
        expect((await getSession(browser.request("/"), appConfig)).token?.ver).toBe(2);
    });
});
describe("across server processes, through Redis", () => {
    test("a revocation made by one process reaches the other within a second", async () => {
        const prefix = `test:${crypto.randomUUID()}:`;
        const a = serverProcess(redisStore(prefix));
        const b = serverProcess(redisStore(prefix));
        const browser = new Browser(a);
        await browser.signIn();
        expect(await browser.session()).not.toBeNull();
        // Process B has started too (as on its first request).
        await resolveConfig(b).revocation.start();
        await revokeUserSessions(b, "1");
        await vi.waitFor(async () => expect((await getSession(browser.request("/"), a)).session).toBeNull(), { timeout: 1_000, interval: 5 });
    });
    test("sign-out on one process: the token is refused on the other", async () => {
        const prefix = `test:${crypto.randomUUID()}:`;
        const a = serverProcess(redisStore(prefix));
        const b = serverProcess(redisStore(prefix));
        const browser = new Browser(a);
        await browser.signIn();
        const cookie = sessionCookie(browser);
        const elsewhere = new Browser(b);
        elsewhere.jar.set("sesame.session-token", cookie);
        expect(await elsewhere.session()).not.toBeNull();
        await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf() });
        await vi.waitFor(async () => expect(await elsewhere.session()).toBeNull(), { timeout: 1_000, interval: 10 });
    });
    test("a missed message is repaired by the periodic reconciliation", async () => {
        const prefix = `test:${crypto.randomUUID()}:`;
        const a = serverProcess(redisStore(prefix));
        const browser = new Browser(a);
        await browser.signIn();
        // Written straight to Redis with no message on the channel, as if it had been lost.
        const { createClient } = await import("redis");
        const raw = createClient();
        await raw.connect();
        await raw.hSet(`${prefix}versions`, "1", "5");
        await raw.close();
        expect(await browser.session()).not.toBeNull();
        await resolveConfig(a).revocation.reconcile();
        expect(await browser.session()).toBeNull();
    });
});
describe("when Redis goes away", () => {
    // A Redis of this test's own, so that crashing it takes nothing from the other test files.
    async function ownRedis() {
        const redis = await privateRedis();
        closers.push(() => redis.destroy());
        return redis;
    }
    test("fail-closed (default): after maxStaleness, JWT sessions are refused (cookie kept) until Redis is back", async () => {
        const redis = await ownRedis();
        const warnings = [];
        const appConfig = config({ revocation: { store: redisStore(undefined, redis.url), maxStaleness: 0.5 }, logger: { warn: (code) => warnings.push(code) } });
        closers.push(() => resolveConfig(appConfig).revocation.close());
        const browser = new Browser(appConfig);
        await browser.signIn();
        expect(await browser.session()).not.toBeNull();
        await redis.kill();
        await vi.waitFor(async () => expect(await browser.session()).toBeNull(), { timeout: 3_000, interval: 50 });
        expect(warnings).toContain("RevocationStale");
        expect(sessionCookie(browser)).toBeDefined();
        await redis.start();
        await vi.waitFor(async () => expect(await browser.session()).not.toBeNull(), { timeout: 5_000, interval: 50 });
    });
    test("fail-open: sessions stay valid, and the staleness is logged", async () => {
        const redis = await ownRedis();
        const warnings = [];
        const appConfig = config({ revocation: { store: redisStore(undefined, redis.url), maxStaleness: 0.2, policy: "fail-open" }, logger: { warn: (code) => warnings.push(code) } });
        closers.push(() => resolveConfig(appConfig).revocation.close());
        const browser = new Browser(appConfig);
        await browser.signIn();
        await redis.kill();
        // Read until the state is stale past maxStaleness (a read is what notices and logs it); every read,
        // the one that noticed included, keeps the session.
        const reads = [];
        await vi.waitFor(async () => {
            reads.push(await browser.session());
            expect(warnings).toContain("RevocationStale");
        }, { timeout: 3_000, interval: 50 });
        expect(reads).not.toContain(null);
    });
});
