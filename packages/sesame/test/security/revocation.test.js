/**
 * Attacks on the revocation of JWT sessions (issue 28, items 4, 6 and 8): a signed-out token coming back
 * through a renewed copy, a NextAuth cookie migrated past a sign-out or a ban, and a revocation store that
 * is down when the process starts. Everything is real: `Auth()` in-process, real JWE cookies, real Redis
 * (the shared one with a unique prefix, or a private one this file starts and kills), and legacy cookies
 * made by the real next-auth 4 and Auth.js v5 packages.
 */
import { encode as v4Encode } from "next-auth/jwt";
import { afterEach, describe, expect, test, vi } from "vitest";
import { RedisRevocationStore } from "../../src/adapters/redis.node.js";
import { resolveConfig } from "../../src/core/config/resolve.js";
import { MemoryRevocationStore } from "../../src/core/revocation/memory.js";
import { getSession, revokeUserSessions } from "../../src/index.js";
import { privateRedis } from "../support/servers.js";
import { Browser, SECRET, config, sessionCookie, setCookies } from "../support/helpers.js";
// @auth/core is installed for the bench workspace only (as in bench/test/migration.test.ts), not at the root.
import { encode as authjsEncode } from "../../../../bench/node_modules/@auth/core/jwt.js";
const SESSION = "sesame.session-token";
const HOUR = 3600;
const closers = [];
afterEach(async () => {
    vi.useRealTimers();
    while (closers.length)
        await closers.pop()();
});
/** A config as one server process would have it: its own revocation state over `store`. */
function serverProcess(store, overrides = {}) {
    const appConfig = config({ revocation: { store }, ...overrides });
    closers.push(() => resolveConfig(appConfig).revocation.close());
    return appConfig;
}
const redisStore = (prefix, url) => RedisRevocationStore({ prefix, ...(url && { url }) });
/** Only `Date` is faked: Redis, HTTP and `vi.waitFor` keep their real timers. */
function fakeClock() {
    const start = Math.floor(Date.now() / 1000);
    vi.useFakeTimers({ toFake: ["Date"], now: start * 1000 });
    return { start, at: (seconds) => vi.setSystemTime((start + seconds) * 1000) };
}
/** A fresh client carrying only `cookie` under `name`: what an attacker holding a copy can do. */
function thiefWith(appConfig, cookie, name = SESSION) {
    const thief = new Browser(appConfig);
    thief.jar.set(name, cookie);
    return thief;
}
async function signOut(browser) {
    const response = await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf() });
    expect(response.status).toBe(302);
}
async function tokenOf(browser, appConfig) {
    return (await getSession(browser.request("/"), appConfig)).token;
}
describe("revocation attacks — ASVS V3.3.1 (logout invalidates the session), V3.3.3 (terminate all sessions)", () => {
    // Regression (issue 28 item 4): a copy renewed before sign-out outlived its deny-list entry and was re-issued with a full lifetime.
    describe("a signed-out JWT comes back through a renewed copy (item 4)", () => {
        const stores = [
            [
                "memory",
                () => {
                    const store = MemoryRevocationStore();
                    return { stores: [store, store, store] };
                },
            ],
            [
                "Redis, across server processes",
                () => {
                    const prefix = `test:${crypto.randomUUID()}:`;
                    return { stores: [redisStore(prefix), redisStore(prefix), redisStore(prefix)] };
                },
            ],
        ];
        test.each(stores)("[V3.3.1] %s: a stolen cookie renewed before the victim signs out is refused after the victim's copy expires, and never re-issued", async (_name, make) => {
            const clock = fakeClock();
            const { stores: [victimSide, thiefSide, laterSide] } = make();
            const session = { maxAge: HOUR, updateAge: 60 };
            const victimApp = serverProcess(victimSide, { session });
            const thiefApp = serverProcess(thiefSide, { session });
            const victim = new Browser(victimApp);
            await victim.signIn();
            const stolen = sessionCookie(victim);
            const victimExp = (await tokenOf(victim, victimApp)).exp;
            // Ten minutes later the thief's copy is renewed (sliding expiry): same jti, an exp 10 minutes later.
            clock.at(600);
            const thief = thiefWith(thiefApp, stolen);
            expect(await thief.session()).toMatchObject({ user: { id: "1" } });
            const renewed = sessionCookie(thief);
            expect(renewed).not.toBe(stolen);
            const renewedExp = (await tokenOf(thief, thiefApp)).exp;
            expect(renewedExp).toBeGreaterThan(victimExp);
            clock.at(700);
            await signOut(victim);
            await resolveConfig(thiefApp).revocation.reconcile();
            expect(await thiefWith(thiefApp, renewed).session()).toBeNull();
            // Past the victim's copy's expiry and its clock tolerance, while the renewed copy is still within its
            // lifetime: the revocation must still be there, in this process and in the store.
            clock.at(HOUR + 20);
            expect(victimExp + 15).toBeLessThan(clock.start + HOUR + 20);
            expect(renewedExp).toBeGreaterThan(clock.start + HOUR + 20);
            await resolveConfig(thiefApp).revocation.reconcile();
            const response = await thiefWith(thiefApp, renewed).fetch("/api/auth/session");
            expect(await response.json()).toBeNull();
            // Never a new lifetime: the only session cookie it may get is the one clearing it.
            expect(setCookies(response).filter((c) => c.name === SESSION && c.attributes["max-age"] !== "0")).toEqual([]);
            // A process started only now knows it from the store alone.
            const laterApp = serverProcess(laterSide, { session });
            expect(await thiefWith(laterApp, renewed).session()).toBeNull();
        });
        test("[V3.3.1] a copy renewed in the very second of the sign-out is refused until the last moment it could be accepted", async () => {
            const clock = fakeClock();
            const appConfig = serverProcess(MemoryRevocationStore(), { session: { maxAge: HOUR, updateAge: 60 } });
            const victim = new Browser(appConfig);
            await victim.signIn();
            const stolen = sessionCookie(victim);
            clock.at(1800);
            // The thief's request passes the revocation check just before the sign-out lands, and renews the token.
            const thief = thiefWith(appConfig, stolen);
            expect(await thief.session()).not.toBeNull();
            const renewed = sessionCookie(thief);
            const renewedExp = (await tokenOf(thief, appConfig)).exp;
            await signOut(victim);
            // One second before the renewed copy stops being accepted at all (exp + 15 s clock tolerance).
            clock.at(renewedExp - clock.start + 14);
            expect(await thiefWith(appConfig, renewed).session()).toBeNull();
        });
        test.each([
            ["jti", { jti: "the-thiefs-own-id" }, (_app, victim) => signOut(victim)],
            ["ver", { ver: 1_000 }, (app) => revokeUserSessions(app, "1").then(() => { })],
        ])("[V3.3.1][V3.3.3] a jwt callback that merges update() data cannot give a copy a new %s that escapes revocation", async (_claim, data, revoke) => {
            // A common callback: merge the client's update() data into the token.
            const appConfig = serverProcess(MemoryRevocationStore(), {
                callbacks: { jwt: ({ token, trigger, session }) => (trigger === "update" ? { ...token, ...session } : token) },
            });
            const victim = new Browser(appConfig);
            await victim.signIn();
            const thief = thiefWith(appConfig, sessionCookie(victim));
            const update = await thief.postJson("/api/auth/session", { csrfToken: await thief.csrf(), data });
            expect(update.status).toBe(200);
            await revoke(appConfig, victim);
            expect(await thief.session()).toBeNull();
        });
        test("[V3.3.1] fail-open with the channel down: sessions are accepted but never given a new lifetime that a missed revocation would not cover", async () => {
            const redis = await privateRedis();
            closers.push(() => redis.destroy());
            const warnings = [];
            const appConfig = config({
                revocation: { store: redisStore(`test:${crypto.randomUUID()}:`, redis.url), policy: "fail-open", maxStaleness: 0.2 },
                session: { maxAge: HOUR, updateAge: 1 },
                logger: { warn: (code) => warnings.push(code), error: () => { } },
            });
            closers.push(() => resolveConfig(appConfig).revocation.close());
            const browser = new Browser(appConfig);
            await browser.signIn();
            const { iat } = (await tokenOf(browser, appConfig));
            await redis.kill();
            await vi.waitFor(async () => {
                expect(await browser.session()).not.toBeNull();
                expect(warnings).toContain("RevocationStale");
            }, { timeout: 5_000, interval: 50 });
            // Due for renewal (updateAge: 1 s), and accepted (fail-open), but not renewed while revocations may be missing.
            await vi.waitFor(() => expect(Math.floor(Date.now() / 1000)).toBeGreaterThan(iat + 1), { timeout: 5_000, interval: 50 });
            const during = await browser.fetch("/api/auth/session");
            expect(await during.json()).not.toBeNull();
            expect(setCookies(during).filter((c) => c.name === SESSION)).toEqual([]);
            // Once the state is current again, renewal resumes.
            await redis.start();
            await vi.waitFor(async () => {
                const after = await browser.fetch("/api/auth/session");
                expect(setCookies(after).filter((c) => c.name === SESSION && c.attributes["max-age"] === String(HOUR))).toHaveLength(1);
            }, { timeout: 10_000, interval: 100 });
        });
    });
    // Regression (issue 28 item 6): legacy cookies were migrated past sign-out, revokeUserSessions and a jwt-callback ban, with a new lifetime.
    describe("migrated next-auth cookies bypass revocation (item 6)", () => {
        const claims = { name: "Alice", email: "alice@example.com", picture: "https://example.com/a.png", sub: "1" };
        const formats = [
            ["next-auth 4", "next-auth.session-token", (maxAge) => v4Encode({ token: claims, secret: SECRET, ...(maxAge && { maxAge }) })],
            [
                "Auth.js v5",
                "authjs.session-token",
                (maxAge) => authjsEncode({ token: claims, secret: SECRET, salt: "authjs.session-token", ...(maxAge && { maxAge }) }),
            ],
        ];
        describe.each(formats)("%s", (_name, cookieName, legacyCookie) => {
            test("[V3.3.1] the legacy cookie replayed after the migrated session signed out gets no session", async () => {
                const appConfig = serverProcess(MemoryRevocationStore());
                const legacy = await legacyCookie();
                const user = thiefWith(appConfig, legacy, cookieName);
                expect(await user.session()).toMatchObject({ user: { id: "1" } });
                expect(sessionCookie(user)).toBeDefined();
                await signOut(user);
                const thief = thiefWith(appConfig, legacy, cookieName);
                expect(await thief.session()).toBeNull();
                expect(sessionCookie(thief)).toBeUndefined();
            });
            test("[V3.3.1] signing out with the legacy cookie itself (never migrated) kills it and clears it", async () => {
                const appConfig = serverProcess(MemoryRevocationStore());
                const legacy = await legacyCookie();
                const user = thiefWith(appConfig, legacy, cookieName);
                const response = await user.postForm("/api/auth/signout", { csrfToken: await user.csrf() });
                expect(setCookies(response)).toContainEqual(expect.objectContaining({ name: cookieName, attributes: expect.objectContaining({ "max-age": "0" }) }));
                expect(await thiefWith(appConfig, legacy, cookieName).session()).toBeNull();
            });
            test("[V3.3.3] the legacy cookie replayed after revokeUserSessions gets no session", async () => {
                const appConfig = serverProcess(MemoryRevocationStore());
                const legacy = await legacyCookie();
                await revokeUserSessions(appConfig, "1");
                expect(await thiefWith(appConfig, legacy, cookieName).session()).toBeNull();
            });
            test("[V3.3.1] a jwt callback that bans the user ends a migrated session too", async () => {
                const appConfig = config({ callbacks: { jwt: ({ token }) => (token.sub === "1" ? null : token) } });
                const banned = thiefWith(appConfig, await legacyCookie(), cookieName);
                const response = await banned.fetch("/api/auth/session");
                expect(await response.json()).toBeNull();
                expect(setCookies(response).filter((c) => c.name === SESSION && c.attributes["max-age"] !== "0")).toEqual([]);
            });
            test("[V3.3.2] migrating keeps the legacy expiry and id: no lifetime extension", async () => {
                const appConfig = config();
                const legacy = await legacyCookie(600);
                const user = thiefWith(appConfig, legacy, cookieName);
                const response = await user.fetch("/api/auth/session");
                expect(await response.json()).toMatchObject({ user: { id: "1" } });
                const issued = setCookies(response).find((c) => c.name === SESSION);
                expect(Number(issued.attributes["max-age"])).toBeLessThanOrEqual(600);
                const token = (await tokenOf(user, appConfig));
                expect(token.exp - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(600);
                expect(token.jti).toMatch(/^[0-9a-f-]{36}$/);
            });
        });
    });
    // Regression (issue 28 item 8): with Redis down at start, revocation's start() hung every session read and sign-in.
    describe("the revocation store is down when the process starts (item 8)", () => {
        /** A private Redis, not running: the test starts it when it wants Redis back. */
        async function redisDown() {
            const redis = await privateRedis();
            closers.push(() => redis.destroy());
            await redis.kill();
            return redis;
        }
        /** `promise`, or a failure if it takes longer than `ms`: a hang must fail the test, not stall it. */
        async function within(ms, promise) {
            let timer;
            try {
                return await Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]);
            }
            finally {
                clearTimeout(timer);
            }
        }
        test.each(["fail-closed", "fail-open"])("[V3.3.1] %s: sign-in and session reads answer within startTimeout, the policy applies, and the state loads once Redis is up", async (policy) => {
            const redis = await redisDown();
            const warnings = [];
            const prefix = `test:${crypto.randomUUID()}:`;
            const appConfig = config({
                revocation: { store: redisStore(prefix, redis.url), policy, startTimeout: 0.5 },
                logger: { warn: (code) => warnings.push(code), error: () => { } },
            });
            closers.push(() => resolveConfig(appConfig).revocation.close());
            const browser = new Browser(appConfig);
            const signIn = await within(2_000, browser.signIn());
            expect(signIn.status).toBe(302);
            const read = await within(2_000, browser.session());
            expect(warnings).toContain("RevocationUnavailable");
            if (policy === "fail-closed") {
                expect(read).toBeNull();
                // Revocations may be missing, not the session: the cookie stays for when they are back.
                expect(sessionCookie(browser)).toBeDefined();
            }
            else {
                expect(read).toMatchObject({ user: { id: "1" } });
            }
            // Every later read answers at once, without waiting for the store again.
            const started = performance.now();
            await within(2_000, browser.session());
            expect(performance.now() - started).toBeLessThan(250);
            await redis.start();
            await vi.waitFor(async () => expect(await browser.session()).toMatchObject({ user: { id: "1" } }), { timeout: 10_000, interval: 50 });
            // Loaded and subscribed: a revocation now takes effect.
            await revokeUserSessions(appConfig, "1");
            expect(await browser.session()).toBeNull();
        });
    });
});
