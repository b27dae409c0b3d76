import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { postgres } from "../../src/adapters/postgres.node.js";
import { RedisRateLimitStore, withRedisSessions } from "../../src/adapters/redis.node.js";
import { SqlAdapter, SqlRateLimitStore, migrate } from "../../src/adapters/sql.js";
import Credentials from "../../src/providers/credentials.js";
import { OIDC } from "../../src/providers/oauth.js";
import { sqliteDatabase } from "../support/databases.js";
import { Browser, ORIGIN, config, sessionCookie } from "../support/helpers.js";
import { OAuthBrowser } from "../support/oauth-browser.js";
import { CLIENT_SECRET, startOP } from "../support/op.js";
import { Recorder, isStoreError, misbehaviour, percentile, runLoad, timed } from "./load.js";
import { privatePostgres, privateRedis } from "../support/servers.js";
/** What the app allows an adapter call; the drivers' own time-outs are set below it. */
const ADAPTER_TIMEOUT = 1_500;
/** Slack for a busy two-core machine running other test files alongside: scheduling, not waiting on a store. */
const MARGIN = 2_000;
const DONE = `${ORIGIN}/done`;
const LOAD_BEFORE_KILL = 1_500;
const DOWN_FOR = 1_500;
const LOAD_AFTER_RESTART = 2_500;
const credentials = Credentials({
    credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
    // No store behind authorize: what is under test is what Sesame writes (the user, the session, the counts).
    authorize: ({ username, password }) => username && password === "pw" ? { id: username, name: `User ${username}`, email: `${username}@example.org` } : null,
});
function sessionIdOf(browser) {
    const cookie = sessionCookie(browser);
    expect(cookie, "a successful sign-in sets the session cookie").toBeDefined();
    return cookie.split(".")[0];
}
function describeSample(sample) {
    return `${sample.method} ${sample.path} (${sample.phase}) → ${sample.status} ${sample.location ?? sample.body.slice(0, 200)}`;
}
/** The assertions every outage shares: answers, latencies, logs, and that the outage was felt at all. */
function expectCleanAnswers(recorder, logged) {
    const { samples } = recorder;
    const wrong = samples.flatMap((s) => {
        const why = misbehaviour(s);
        return why ? [`${why}: ${describeSample(s)}`] : [];
    });
    expect(wrong.slice(0, 10)).toEqual([]);
    const slowest = Math.max(...samples.map((s) => s.ms));
    expect(slowest, `p50 ${percentile(samples.map((s) => s.ms), 50).toFixed(0)} ms`).toBeLessThan(ADAPTER_TIMEOUT + MARGIN);
    // The outage was real: requests failed while it lasted, and succeeded before and after it.
    expect(samples.filter((s) => s.phase === "down" && isStoreError(s)).length).toBeGreaterThan(0);
    expect(samples.filter((s) => s.phase === "before" && !isStoreError(s)).length).toBeGreaterThan(0);
    expect(samples.filter((s) => s.phase === "after" && !isStoreError(s)).length).toBeGreaterThan(0);
    // What reached the logs was the store failing, nothing the app would have to debug as its own bug.
    // Regression: a rate-limit reset that failed in the outage was reported as a Configuration error.
    expect([...new Set(logged.map((e) => e.type ?? e.name))]).toEqual(["AdapterError"]);
}
/**
 * The outage every test puts its load through: a while up, killed, a while down, restarted, a while up.
 * The sleeps are the subject: each phase is a stretch of wall-clock time under load, not a wait for a condition.
 */
async function outage(server, recorder, whileDown = () => { }) {
    await sleep(LOAD_BEFORE_KILL);
    recorder.phase = "down";
    await server.kill();
    whileDown();
    await sleep(DOWN_FOR);
    recorder.phase = "restarting";
    await server.start();
    recorder.phase = "after";
    await sleep(LOAD_AFTER_RESTART);
}
/** Tries until it works or `timeoutMs` passes: the clients reconnect with a back-off after a restart. */
async function eventually(attempt, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const result = await attempt();
        if (result !== undefined)
            return result;
        if (Date.now() > deadline)
            throw new Error(`did not succeed within ${timeoutMs} ms`);
        await sleep(100);
    }
}
async function signInWithPassword(appConfig, recorder, username) {
    const browser = timed(new Browser(appConfig), recorder);
    const response = await browser.signIn({ username, password: "pw", callbackUrl: "/done" });
    if (response.headers.get("location") !== DONE)
        return undefined;
    return { browser, username, userId: username, sessionId: sessionIdOf(browser) };
}
/** A session check that must name `userId` when it succeeds; a store failure is allowed, a null session is not. */
async function checkSession(signedIn) {
    const response = await signedIn.browser.fetch("/api/auth/session");
    if (response.status !== 200)
        return false;
    const session = (await response.json());
    expect(session?.user?.id, `session of ${signedIn.username ?? signedIn.login}`).toBe(signedIn.userId ?? session?.user?.id);
    expect(session).not.toBeNull();
    return true;
}
describe("PostgreSQL killed under load", () => {
    let server;
    let op;
    let db;
    beforeAll(async () => {
        [server, op] = await Promise.all([privatePostgres(), startOP()]);
        // Each driver limit below the adapter's, so that whichever fires first the answer is the same.
        db = postgres({ connectionString: server.url, connectionTimeoutMillis: 1_000, statement_timeout: 1_000, query_timeout: 1_200, max: 20 });
        await migrate(db);
    }, 40_000);
    afterAll(async () => {
        await db?.destroy().catch(() => { });
        await op?.close();
        await server?.destroy();
    });
    // Regression: a PostgreSQL connection lost mid-query crashed the process (an unhandled `error` event on a checked-out pg client).
    test("sign-ins and session checks get success or AdapterError in time; nothing committed is lost or half-written; it serves again after the restart", async () => {
        const recorder = new Recorder();
        const logged = [];
        const appConfig = config({
            adapter: SqlAdapter(db),
            adapterTimeoutSeconds: ADAPTER_TIMEOUT / 1000,
            rateLimit: { store: SqlRateLimitStore(db), perIp: false, perIdentifier: { max: 1_000, window: 60 } },
            providers: [credentials, OIDC({ id: "basic", name: "OP", issuer: op.issuer, clientId: "basic", clientSecret: CLIENT_SECRET, allowInsecureRequests: true })],
            logger: { error: (e) => logged.push(e) },
        });
        async function signInWithOP(login) {
            const browser = timed(new OAuthBrowser(appConfig), recorder);
            const { response } = await browser.signInWith("basic", { login, callbackUrl: "/done" });
            if (response.headers.get("location") !== DONE)
                return undefined;
            return { browser, login, sessionId: sessionIdOf(browser) };
        }
        // Signed in before the crash, checking their sessions all along.
        const residents = [];
        for (let i = 0; i < 6; i++)
            residents.push((await signInWithPassword(appConfig, recorder, `resident-${i}`)));
        const signedIn = [...residents];
        let stopped = false;
        const load = Promise.all([
            runLoad(16, async (user, iteration) => {
                const done = await signInWithPassword(appConfig, recorder, `c${user}-${iteration}`);
                if (!done)
                    return;
                signedIn.push(done);
                await checkSession(done);
            }, () => stopped),
            runLoad(4, async (user, iteration) => {
                // Every third sign-in comes back with the previous login: the account is found, not created again.
                const done = await signInWithOP(`o${user}-${iteration % 3 === 2 ? iteration - 1 : iteration}`);
                if (!done)
                    return;
                signedIn.push(done);
                await checkSession(done);
            }, () => stopped),
            runLoad(residents.length, async (user) => void (await checkSession(residents[user])), () => stopped),
        ]);
        try {
            await outage(server, recorder);
        }
        finally {
            stopped = true;
            await load;
        }
        expectCleanAnswers(recorder, logged);
        // Everything a request reported as done is there, whole.
        const users = new Map((await db.selectFrom("sesame_users").selectAll().execute()).map((u) => [u.id, u]));
        const accounts = await db.selectFrom("sesame_accounts").selectAll().execute();
        const sessions = new Map((await db.selectFrom("sesame_sessions").selectAll().execute()).map((s) => [s.id, s]));
        for (const done of signedIn) {
            if (done.login) {
                const account = accounts.find((a) => a.provider === "basic" && a.provider_account_id === done.login);
                expect(account, `account of ${done.login}`).toBeDefined();
                done.userId = account.user_id;
                expect(users.get(done.userId), `user of ${done.login}`).toMatchObject({ email: `${done.login}@example.com`, name: `User ${done.login}` });
            }
            else {
                expect(users.get(done.userId), `user ${done.username}`).toMatchObject({ email: `${done.username}@example.org`, name: `User ${done.username}` });
            }
            expect(sessions.get(done.sessionId)?.user_id, `session of ${done.username ?? done.login}`).toBe(done.userId);
        }
        // No half-written sign-up: every OIDC user has exactly its one account, every row its user.
        const oidcUsers = [...users.values()].filter((u) => u.email?.endsWith("@example.com"));
        expect(oidcUsers.length).toBeGreaterThan(0);
        for (const user of oidcUsers)
            expect(accounts.filter((a) => a.user_id === user.id), `accounts of ${user.email}`).toHaveLength(1);
        expect(accounts.filter((a) => !users.has(a.user_id))).toEqual([]);
        expect([...sessions.values()].filter((s) => !users.has(s.user_id))).toEqual([]);
        // Every session that was handed out, the residents' from before the crash included, still works.
        recorder.phase = "after";
        for (const done of signedIn)
            expect(await checkSession(done), `session of ${done.username ?? done.login}`).toBe(true);
        // And new people sign in as before.
        const fresh = await signInWithPassword(appConfig, recorder, "after-restart");
        expect(fresh).toBeDefined();
        expect(await checkSession(fresh)).toBe(true);
        const freshOidc = (await signInWithOP("after-restart"));
        expect(freshOidc).toBeDefined();
        expect(await checkSession(freshOidc)).toBe(true);
        expect(signedIn.filter((s) => s.login).length).toBeGreaterThan(0);
    }, 60_000);
});
describe("Redis killed under load (sessions and rate limits in Redis)", () => {
    let server;
    let database;
    beforeAll(async () => {
        [server, database] = await Promise.all([privateRedis(), sqliteDatabase()]);
    }, 30_000);
    afterAll(async () => {
        await server?.destroy();
        await database?.drop();
    });
    // Regression: a process whose first Redis use fell in the outage never reconnected.
    test("sign-ins and session checks get success or AdapterError in time; acknowledged sessions survive; a server started during the outage recovers too", async () => {
        const recorder = new Recorder();
        const logged = [];
        const redis = { url: server.url, prefix: `faults:${crypto.randomUUID()}:`, connectTimeout: 1_000 };
        // A new config is a new server process: its own Redis clients, connected on first use.
        const serverProcess = () => config({
            adapter: withRedisSessions(SqlAdapter(database.db), redis),
            adapterTimeoutSeconds: ADAPTER_TIMEOUT / 1000,
            rateLimit: { store: RedisRateLimitStore(redis), perIp: false, perIdentifier: { max: 1_000, window: 60 } },
            providers: [credentials],
            logger: { error: (e) => logged.push(e) },
        });
        const appConfig = serverProcess();
        const residents = [];
        for (let i = 0; i < 6; i++)
            residents.push((await signInWithPassword(appConfig, recorder, `resident-${i}`)));
        const signedIn = [...residents];
        let stopped = false;
        let lateConfig;
        const signInLoop = (name, appConfigOf) => async (user, iteration) => {
            const current = appConfigOf();
            // This loop's app has not started yet (it starts during the outage): idle a moment, and keep the load's pace.
            if (!current)
                return void (await sleep(20));
            const done = await signInWithPassword(current, recorder, `${name}${user}-${iteration}`);
            if (!done)
                return;
            signedIn.push(done);
            await checkSession(done);
        };
        const load = Promise.all([
            runLoad(18, signInLoop("c", () => appConfig), () => stopped),
            // A process that starts while Redis is down: its first connection attempt fails.
            runLoad(4, signInLoop("late", () => lateConfig), () => stopped),
            runLoad(residents.length, async (user) => void (await checkSession(residents[user])), () => stopped),
        ]);
        try {
            await outage(server, recorder, () => (lateConfig = serverProcess()));
        }
        finally {
            stopped = true;
            await load;
        }
        expectCleanAnswers(recorder, logged);
        // Acknowledged sessions are in Redis, listed under their user, with the user in SQL.
        const check = withRedisSessions(SqlAdapter(database.db), redis);
        for (const done of signedIn) {
            const found = await check.getSessionAndUser(done.sessionId);
            expect(found?.user, `session of ${done.username}`).toMatchObject({ id: done.userId, email: `${done.username}@example.org` });
            expect((await check.listSessions(done.userId)).map((s) => s.id)).toContain(done.sessionId);
        }
        for (const done of signedIn)
            expect(await checkSession(done), `session of ${done.username}`).toBe(true);
        // Both processes serve again: the one that saw the crash, and the one that started during it.
        for (const [name, current] of [["after-restart", appConfig], ["late-after-restart", lateConfig]]) {
            const fresh = await eventually(() => signInWithPassword(current, recorder, name), 5_000);
            expect(await checkSession(fresh)).toBe(true);
        }
    }, 60_000);
});
