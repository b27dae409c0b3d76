/**
 * Signing in with an adapter, against the real OpenID Provider and real databases: users and accounts are
 * created once, emails are not silently merged, and a failing database loses nothing and sets no cookie.
 */
import { once } from "node:events";
import { createServer } from "node:net";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { postgres } from "../../../src/adapters/postgres.node.js";
import { SqlAdapter } from "../../../src/adapters/sql.js";
import { OIDC } from "../../../src/providers/oauth.js";
import { postgresDatabase, sqliteDatabase } from "../../support/databases.js";
import { Browser, config, sessionCookie } from "../../support/helpers.js";
import { OAuthBrowser } from "../../support/oauth-browser.js";
import { APP_ORIGIN, CLIENT_SECRET, startOP } from "../../support/op.js";
let op;
beforeAll(async () => {
    op = await startOP();
});
afterAll(() => op.close());
const oidc = (id, extra = {}) => OIDC({ id, name: id, issuer: op.issuer, clientId: id, clientSecret: CLIENT_SECRET, allowInsecureRequests: true, ...extra });
describe("OAuth sign-in with the SQLite adapter", () => {
    let database;
    beforeAll(async () => {
        database = await sqliteDatabase();
    });
    afterAll(() => database.drop());
    test("the first sign-in creates the user and the account (trigger signUp), the next ones find them", async () => {
        const jwt = vi.fn(({ token }) => token);
        const createUser = vi.fn();
        const linkAccount = vi.fn();
        const appConfig = config({ adapter: SqlAdapter(database.db), providers: [oidc("basic")], callbacks: { jwt }, events: { createUser, linkAccount } });
        const first = new OAuthBrowser(appConfig);
        await first.signInWith("basic", { login: "nina" });
        const session = (await first.session());
        expect(session.user.email).toBe("nina@example.com");
        expect(session.user.id).not.toBe("nina"); // the app's user id, not the provider's subject
        expect(jwt.mock.calls[0][0]).toMatchObject({ trigger: "signUp", isNewUser: true });
        expect(createUser).toHaveBeenCalledOnce();
        expect(linkAccount).toHaveBeenCalledOnce();
        const second = new OAuthBrowser(appConfig);
        await second.signInWith("basic", { login: "nina" });
        expect((await second.session()).user.id).toBe(session.user.id);
        expect(jwt.mock.calls[1][0]).toMatchObject({ trigger: "signIn", isNewUser: false });
        const accounts = await database.db.selectFrom("sesame_accounts").selectAll().where("provider_account_id", "=", "nina").execute();
        expect(accounts).toHaveLength(1);
        expect(accounts[0]).toMatchObject({ provider: "basic", user_id: session.user.id, access_token: expect.any(String) });
    });
    test("two concurrent first sign-ins of the same account end up as one user", async () => {
        const appConfig = config({ adapter: SqlAdapter(database.db), providers: [oidc("basic")] });
        const [a, b] = [new OAuthBrowser(appConfig), new OAuthBrowser(appConfig)];
        await Promise.all([a.signInWith("basic", { login: "twin" }), b.signInWith("basic", { login: "twin" })]);
        const ids = await Promise.all([a.session(), b.session()]);
        expect(ids[0].user.id).toBe(ids[1].user.id);
        const users = await database.db.selectFrom("sesame_users").select("id").where("email", "=", "twin@example.com").execute();
        expect(users).toHaveLength(1);
    });
    test("an email taken by a user of another provider: OAuthAccountNotLinked, no session, nothing linked", async () => {
        const appConfig = config({ adapter: SqlAdapter(database.db), providers: [oidc("basic"), oidc("post", { clientAuth: "client_secret_post" })] });
        await new OAuthBrowser(appConfig).signInWith("basic", { login: "olga" });
        const intruder = new OAuthBrowser(appConfig);
        const { response } = await intruder.signInWith("post", { login: "olga" });
        expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/api/auth/error?error=OAuthAccountNotLinked`);
        expect(sessionCookie(intruder)).toBeUndefined();
        expect(await SqlAdapter(database.db).getUserByAccount({ provider: "post", providerAccountId: "olga" })).toBeNull();
    });
    test("allowDangerousEmailAccountLinking links the new account to that user", async () => {
        const appConfig = config({
            adapter: SqlAdapter(database.db),
            providers: [oidc("basic"), oidc("post", { clientAuth: "client_secret_post", allowDangerousEmailAccountLinking: true })],
        });
        const first = new OAuthBrowser(appConfig);
        await first.signInWith("basic", { login: "pia" });
        const second = new OAuthBrowser(appConfig);
        await second.signInWith("post", { login: "pia" });
        expect((await second.session()).user.id).toBe((await first.session()).user.id);
    });
});
describe("a database that fails", () => {
    test("down (nothing listening): a clear 503 AdapterError, no cookie", async () => {
        const db = postgres({ connectionString: "postgres://postgres@127.0.0.1:1/test", connectionTimeoutMillis: 1_000 });
        const browser = new Browser(config({ adapter: SqlAdapter(db), logger: { error: () => { } } }));
        const form = await browser.signIn();
        expect(form.headers.get("location")).toBe("http://localhost:3000/api/auth/error?error=AdapterError");
        expect(sessionCookie(browser)).toBeUndefined();
        const api = await browser.postJson("/api/auth/callback/credentials", { csrfToken: await browser.csrf(), username: "alice", password: "wonderland" });
        expect(api.status).toBe(503);
        expect(await api.json()).toEqual({ error: "AdapterError", message: "The database failed in getUser()." });
        await db.destroy();
    });
    test("hanging (accepts connections, never answers): fails within adapterTimeout, no cookie", async () => {
        const silent = createServer(() => { });
        silent.listen(0, "127.0.0.1");
        await once(silent, "listening");
        const port = silent.address().port;
        const db = postgres({ connectionString: `postgres://postgres@127.0.0.1:${port}/test`, connectionTimeoutMillis: 10_000 });
        const browser = new Browser(config({ adapter: SqlAdapter(db), adapterTimeoutSeconds: 0.4, logger: { error: () => { } } }));
        const started = Date.now();
        const response = await browser.postJson("/api/auth/callback/credentials", { csrfToken: await browser.csrf(), username: "alice", password: "wonderland" });
        expect(Date.now() - started).toBeLessThan(2_000);
        expect(response.status).toBe(503);
        expect(await response.json()).toEqual({ error: "AdapterError", message: "The database did not answer getUser() within 400 ms." });
        expect(sessionCookie(browser)).toBeUndefined();
        silent.close();
        void db.destroy();
    });
    test("failing in the middle of creating the user and account (PostgreSQL): nothing half-written", async () => {
        const database = await postgresDatabase();
        // The account insert fails inside the transaction, after the user row was written.
        await sql `CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql`.execute(database.db);
        await sql `CREATE TRIGGER refuse_accounts BEFORE INSERT ON sesame_accounts FOR EACH ROW EXECUTE FUNCTION refuse()`.execute(database.db);
        const browser = new OAuthBrowser(config({ adapter: SqlAdapter(database.db), providers: [oidc("basic")], logger: { error: () => { } } }));
        const { response } = await browser.signInWith("basic", { login: "quinn" });
        expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/api/auth/error?error=AdapterError`);
        expect(sessionCookie(browser)).toBeUndefined();
        expect(await database.db.selectFrom("sesame_users").selectAll().execute()).toEqual([]);
        expect(await database.db.selectFrom("sesame_sessions").selectAll().execute()).toEqual([]);
        await database.drop();
    });
    test("reading a session while the database is down: 503, never a session, never a stack", async () => {
        const db = postgres({ connectionString: "postgres://postgres@127.0.0.1:1/test", connectionTimeoutMillis: 1_000 });
        const browser = new Browser(config({ adapter: SqlAdapter(db), logger: { error: () => { } } }));
        browser.jar.set("sesame.session-token", `${"a".repeat(22)}.${"b".repeat(43)}`);
        const response = await browser.fetch("/api/auth/session");
        expect(response.status).toBe(503);
        const text = await response.text();
        expect(JSON.parse(text)).toMatchObject({ error: "AdapterError" });
        expect(text).not.toMatch(/\n\s+at /);
        await db.destroy();
    });
});
