/**
 * Every way of reading a session honours its end. `getToken` and NextAuth v4's `withAuth`, given the app's
 * config, refuse a token that was signed out, revoked or refused by the `jwt` callback, as `getSession`
 * does; and a session kept in Redis, once deleted (sign-out, device revocation, ban), is never re-created
 * by an update, a sliding-expiry renewal or an upstream-token refresh racing the delete.
 * Everything is real: `Auth()` in-process, real JWE cookies, real Redis, a real SQLite user store.
 */
import { NextRequest } from "next/server.js";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { RedisRevocationStore, withRedisSessions } from "../../src/adapters/redis.node.js";
import { SqlAdapter } from "../../src/adapters/sql.js";
import { resolveConfig } from "../../src/core/config/resolve.js";
import { MemoryRevocationStore, revokeUserSessions } from "../../src/index.js";
import { getToken } from "../../src/jwt.js";
import { OIDC } from "../../src/providers/oauth.js";
import { withAuth } from "../../src/next/v4.js";
import { sqliteDatabase } from "../support/databases.js";
import { Browser, ORIGIN, SECRET, config, sessionCookie } from "../support/helpers.js";
import { OAuthBrowser } from "../support/oauth-browser.js";
import { CLIENT_SECRET, startOP } from "../support/op.js";
const SESSION = "sesame.session-token";
const closers = [];
// The app's secret is in the environment too, as in a deployed app: what `getToken` without the config reads.
beforeEach(() => {
    vi.stubEnv("AUTH_SECRET", SECRET);
});
afterEach(async () => {
    vi.unstubAllEnvs();
    while (closers.length)
        await closers.pop()();
});
/** The request a client holding `cookie` would make: what a thief with a copy of the cookie can send. */
const requestWith = (cookie, path = "/admin") => new NextRequest(new URL(path, ORIGIN), { headers: { cookie: `${SESSION}=${cookie}` } });
/** Where `withAuth` sends the request: `undefined` when it lets it through. */
async function withAuthVerdict(appConfig, cookie) {
    const response = await withAuth({ config: appConfig })(requestWith(cookie));
    if (response.headers.get("x-middleware-next") === "1")
        return undefined;
    return response.headers.get("location") ?? `status ${response.status}`;
}
const SIGN_IN_REDIRECT = `${ORIGIN}/api/auth/signin?callbackUrl=%2Fadmin`;
// Regression (issue 28 item 5): getToken() and withAuth() ignored revocation and the jwt callback: a signed-out token still read as valid.
describe.each([
    ["MemoryRevocationStore", () => MemoryRevocationStore()],
    ["RedisRevocationStore", () => RedisRevocationStore({ prefix: `test:${crypto.randomUUID()}:` })],
])("JWT sessions with revocation on (%s)", (_name, store) => {
    function revocableConfig(overrides = {}) {
        const appConfig = config({ revocation: { store: store() }, ...overrides });
        closers.push(() => resolveConfig(appConfig).revocation.close());
        return appConfig;
    }
    async function signedIn(appConfig) {
        const browser = new Browser(appConfig);
        expect((await browser.signIn()).status).toBe(302);
        const cookie = sessionCookie(browser);
        // The token is good before the session ends: what follows cannot pass by refusing everything.
        expect(await getToken({ req: requestWith(cookie), config: appConfig })).toMatchObject({ sub: "1", name: "Alice" });
        expect(await withAuthVerdict(appConfig, cookie)).toBeUndefined();
        return { browser, cookie };
    }
    test("[V3.3.1] a signed-out token replayed to getToken({ config }) and withAuth({ config }) is refused, from the cookie or as a bearer token", async () => {
        const appConfig = revocableConfig({ session: { bearer: "always" } });
        const { browser, cookie } = await signedIn(appConfig);
        await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf() });
        expect(await browser.session()).toBeNull();
        expect(await getToken({ req: requestWith(cookie), config: appConfig })).toBeNull();
        expect(await getToken({ req: requestWith(cookie), config: appConfig, raw: true })).toBeNull();
        const bearer = new Request(`${ORIGIN}/api/orders`, { headers: { authorization: `Bearer ${cookie}` } });
        expect(await getToken({ req: bearer, config: appConfig })).toBeNull();
        // Node-style headers (the Pages Router's req) go through the same checks.
        expect(await getToken({ req: { url: "/admin", headers: { host: "localhost:3000", cookie: [`${SESSION}=${cookie}`] } }, config: appConfig })).toBeNull();
        expect(await withAuthVerdict(appConfig, cookie)).toBe(SIGN_IN_REDIRECT);
    });
    test("[V3.3.1] after revokeUserSessions (a ban, a password change) getToken({ config }) and withAuth({ config }) refuse the user's tokens", async () => {
        const appConfig = revocableConfig();
        const { cookie } = await signedIn(appConfig);
        await revokeUserSessions(appConfig, "1");
        expect(await getToken({ req: requestWith(cookie), config: appConfig })).toBeNull();
        expect(await withAuthVerdict(appConfig, cookie)).toBe(SIGN_IN_REDIRECT);
    });
    test("[V3.3.1] a jwt callback that ends the session (returns null) leaves getToken({ config }) and withAuth({ config }) with no token", async () => {
        const banned = new Set();
        const appConfig = revocableConfig({ callbacks: { jwt: ({ token }) => (token.sub && banned.has(token.sub) ? null : token) } });
        const { cookie } = await signedIn(appConfig);
        banned.add("1");
        expect(await getToken({ req: requestWith(cookie), config: appConfig })).toBeNull();
        const response = await withAuth({ config: appConfig })(requestWith(cookie));
        expect(response.headers.get("location")).toBe(SIGN_IN_REDIRECT);
        // The refused cookie is cleared on the way, as a session read would.
        expect(response.headers.getSetCookie().some((c) => c.startsWith(`${SESSION}=;`) && /max-age=0/i.test(c))).toBe(true);
    });
});
// Regression (review after issue 28): a signed-out JWT replayed to POST /signout got the provider logout URL with the victim's ID token.
describe("sign-out of a token that is already revoked", () => {
    test("[V3.3.1] a signed-out cookie replayed to POST /signout does not get the user's ID token back (no provider logout URL)", async () => {
        const op = await startOP();
        closers.push(() => op.close());
        const provider = OIDC({ id: "basic", name: "OP", issuer: op.issuer, clientId: "basic", clientSecret: CLIENT_SECRET, allowInsecureRequests: true, endSessionOnSignOut: true });
        const signedOut = [];
        const appConfig = config({ providers: [provider], revocation: { store: MemoryRevocationStore() }, events: { signOut: ({ token }) => void signedOut.push(token) } });
        closers.push(() => resolveConfig(appConfig).revocation.close());
        const victim = new OAuthBrowser(appConfig);
        await victim.signInWith("basic", { login: "hank" });
        const cookie = sessionCookie(victim);
        const own = await victim.postForm("/api/auth/signout", { csrfToken: await victim.csrf(), callbackUrl: "/bye" });
        // The owner's own sign-out still ends the provider's session, with the ID token as the hint.
        expect(new URL(own.headers.get("location")).searchParams.get("id_token_hint")).toMatch(/^ey/);
        const thief = new Browser(appConfig);
        thief.jar.set(SESSION, cookie);
        const replayed = await thief.postForm("/api/auth/signout", { csrfToken: await thief.csrf(), callbackUrl: "/bye" });
        expect(replayed.headers.get("location")).toBe(`${ORIGIN}/bye`);
        expect(signedOut).toHaveLength(2);
        expect(signedOut[1]).toBeNull();
    });
});
// Regression (issue 28 item 7): a Redis session update racing sign-out re-created the deleted key.
describe("database sessions kept in Redis: no resurrection", () => {
    const prefix = `test:${crypto.randomUUID()}:`;
    let database;
    let adapter;
    /** The same sessions as another server process sees them: its own client, no shared in-process state. */
    let otherProcess;
    let redis;
    const sessionKey = (id) => `${prefix}session:${id}`;
    beforeAll(async () => {
        database = await sqliteDatabase();
        adapter = withRedisSessions(SqlAdapter(database.db), { prefix });
        otherProcess = withRedisSessions(SqlAdapter(database.db), { prefix });
        redis = createClient();
        await redis.connect();
    });
    afterAll(async () => {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length)
            await redis.del(keys);
        redis.destroy();
        await database.drop();
    });
    const ROUNDS = 40;
    const RACERS = 4;
    const WRITES_PER_RACER = 4;
    test("[V3.3.1] session updates (POST /session) and sliding renewals racing sign-out never re-create the deleted session", async () => {
        // A millisecond of updateAge: nearly every read renews, so GET /session writes the session too.
        const appConfig = config({ adapter, session: { strategy: "database", updateAge: 0.001 } });
        for (let round = 0; round < ROUNDS; round++) {
            const browser = new Browser(appConfig);
            expect((await browser.signIn()).status).toBe(302);
            const csrfToken = await browser.csrf();
            const cookie = sessionCookie(browser);
            const id = cookie.split(".")[0];
            expect(await redis.exists(sessionKey(id))).toBe(1);
            // Each racer is its own tab holding a copy of the cookies, so the sign-out does not take them away.
            const tab = () => Object.assign(new Browser(appConfig), { jar: new Map(browser.jar) });
            const statuses = [];
            // The sign-out waits for a round-dependent number of racing writes to finish, so that over the rounds
            // the delete lands at every stage of the race: before, among and after the writes.
            const signOutAfter = round % (RACERS * 2 * WRITES_PER_RACER);
            let reached = () => { };
            const enoughWrites = new Promise((resolve) => (reached = resolve));
            const record = (status) => {
                statuses.push(status);
                if (statuses.length >= signOutAfter)
                    reached();
            };
            if (signOutAfter === 0)
                reached();
            const updater = async (n) => {
                const racer = tab();
                for (let i = 0; i < WRITES_PER_RACER; i++)
                    record((await racer.postJson("/api/auth/session", { csrfToken, data: { round, n, i } })).status);
            };
            const renewer = async () => {
                const racer = tab();
                for (let i = 0; i < WRITES_PER_RACER; i++)
                    record((await racer.fetch("/api/auth/session")).status);
            };
            const signOut = async () => {
                await enoughWrites;
                expect((await browser.postForm("/api/auth/signout", { csrfToken })).status).toBe(302);
            };
            await Promise.all([...Array.from({ length: RACERS }, (_, n) => updater(n)), ...Array.from({ length: RACERS }, renewer), signOut()]);
            expect(statuses.every((status) => status === 200), `statuses ${statuses.join(",")}`).toBe(true);
            expect(await redis.exists(sessionKey(id)), `round ${round}: the signed-out session was re-created`).toBe(0);
            expect(await tab().session(), `round ${round}`).toBeNull();
        }
    });
    test("[V3.3.1] adapter.updateSession from two processes racing deleteSession and deleteSessions never re-creates a deleted session; concurrent updates are not lost", async () => {
        const user = await adapter.createUser({ name: "Racer", email: `racer-${crypto.randomUUID()}@example.com`, emailVerified: null, image: null });
        const newSession = async () => {
            const now = new Date();
            const session = {
                id: crypto.randomUUID(),
                secretHash: "x",
                userId: user.id,
                expires: new Date(now.getTime() + 3_600_000),
                createdAt: now,
                lastSeenAt: now,
                ip: null,
                userAgent: null,
                data: {},
            };
            await adapter.createSession(session);
            return session;
        };
        for (let round = 0; round < ROUNDS * 2; round++) {
            const sessions = await Promise.all([newSession(), newSession()]);
            const updates = sessions.flatMap((session) => Array.from({ length: RACERS }, async (_, n) => {
                for (let i = 0; i < WRITES_PER_RACER; i++) {
                    const later = new Date(Date.now() + 7_200_000);
                    // The three kinds of write a session gets: new data (update, token refresh) and a renewal.
                    await (n % 2 ? otherProcess : adapter).updateSession(session.id, i % 2 ? { data: { n, i } } : { expires: later, lastSeenAt: later });
                }
            }));
            const deletes = (async () => {
                for (let i = 0; i < round % (WRITES_PER_RACER + 1); i++)
                    await Promise.resolve();
                if (round % 2)
                    await adapter.deleteSession(sessions[0].id);
                else
                    await adapter.deleteSessions(user.id);
                await adapter.deleteSessions(user.id);
            })();
            await Promise.all([...updates, deletes]);
            for (const session of sessions) {
                expect(await redis.exists(sessionKey(session.id)), `round ${round}: a deleted session was re-created`).toBe(0);
                expect(await adapter.getSessionAndUser(session.id)).toBeNull();
            }
            expect(await adapter.listSessions(user.id)).toEqual([]);
        }
        // Without a delete, concurrent updates of different fields from two processes all land (compare-and-set,
        // not last-writer-wins).
        const session = await newSession();
        const later = new Date(Date.now() + 7_200_000);
        await Promise.all([adapter.updateSession(session.id, { data: { theme: "dark" } }), otherProcess.updateSession(session.id, { expires: later, lastSeenAt: later })]);
        const stored = (await adapter.getSessionAndUser(session.id)).session;
        expect(stored.data).toEqual({ theme: "dark" });
        expect(stored.expires.getTime()).toBe(later.getTime());
        expect(await redis.pTTL(sessionKey(session.id))).toBeGreaterThan(3_600_000);
    });
});
