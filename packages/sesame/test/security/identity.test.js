/**
 * Who a sign-in says the person is: identity only from what the provider answered (ID token, userinfo),
 * never from what the browser posts beside the code; an email stored verified, linked on, or handed to a
 * new sign-in only once it is proven. Against the real OpenID Provider, real SQLite, real HTTP through
 * `Auth()`. Issue 28, items "identity from posted data" and "linking on an unverified email".
 */
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { SqlAdapter } from "../../src/adapters/sql.js";
import { MemoryRevocationStore } from "../../src/index.js";
import Apple, { applePostedName } from "../../src/providers/apple.js";
import Credentials from "../../src/providers/credentials.js";
import { OIDC } from "../../src/providers/oauth.js";
import { sqliteDatabase } from "../support/databases.js";
import { Browser, config, sessionCookie } from "../support/helpers.js";
import { OAuthBrowser } from "../support/oauth-browser.js";
import { APP_ORIGIN, CLIENT_SECRET, startOP } from "../support/op.js";
const VICTIM = "victim@example.com";
/** Accounts at the provider whose email is not the default verified `<login>@example.com`. */
const ACCOUNTS = {
    // The attacker registered the victim's address at a provider that did not check it.
    eve: { email: VICTIM, email_verified: false },
    // A provider that says nothing about verification.
    quiet: { email: VICTIM, email_verified: undefined },
    // The victim's own account at a provider that verified the address.
    vera: { email: VICTIM, email_verified: true },
};
let op;
beforeAll(async () => {
    op = await startOP({ claims: (id) => ACCOUNTS[id] ?? {} });
});
afterAll(() => op.close());
const databases = [];
afterEach(async () => {
    await Promise.all(databases.splice(0).map((database) => database.drop()));
});
async function freshAdapter() {
    const database = await sqliteDatabase();
    databases.push(database);
    return { adapter: SqlAdapter(database.db), database };
}
const oidc = (id, extra = {}) => OIDC({ id, name: id, issuer: op.issuer, clientId: id, clientSecret: CLIENT_SECRET, allowInsecureRequests: true, ...extra });
/** Apple's preset pointed at the test provider; `scope` without `email`, as an attacker would ask. */
const apple = (scope = "openid") => Apple({ issuer: op.issuer, clientId: "apple", clientSecret: CLIENT_SECRET, allowInsecureRequests: true, authorization: { params: { scope } } });
/** Email sign-in that hands the link to the test instead of mailing it. */
function linkProvider() {
    const links = new Map();
    return { id: "email", name: "Email", type: "email", maxAge: 600, links, sendVerificationRequest: ({ identifier, url }) => void links.set(identifier, url) };
}
async function signInByLink(browser, provider, email) {
    await browser.postForm("/api/auth/signin/email", { csrfToken: await browser.csrf(), email });
    return browser.visit(new URL(provider.links.get(email)));
}
/** A browser whose form_post to the app carries extra fields: what anyone can post to their own callback. */
class PostingBrowser extends OAuthBrowser {
    extra;
    constructor(authConfig, extra) {
        super(authConfig);
        this.extra = extra;
    }
    crossSitePost(url, fields) {
        for (const [name, value] of Object.entries(this.extra))
            fields.set(name, value);
        return super.crossSitePost(url, fields);
    }
}
const sessionUser = async (browser) => (await browser.session()).user;
// Regression (issue 28 item 1): a `user` posted to the callback set session.user.email, so an attacker could take the victim's email (and user).
describe("identity from posted data (Apple form_post `user`)", () => {
    const forgedUser = JSON.stringify({ name: { firstName: "Tim", lastName: "Apple" }, email: VICTIM, sub: "victim" });
    test("[V4.1.2] a `user` posted to the callback with the victim's email does not become session.user.email", async () => {
        const browser = new PostingBrowser(config({ providers: [apple()] }), { user: forgedUser });
        const { response } = await browser.signInWith("apple", { login: "mallory" });
        expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/`);
        const user = await sessionUser(browser);
        expect(user?.id).toBe("mallory"); // the ID token's subject, not the posted one
        expect(user?.email ?? null).toBeNull(); // no email scope: no email at all
        expect(user?.name).toBe("Tim Apple"); // the name alone survives the form_post bounce, sealed
    });
    test("[V4.1.2] with email linking on, a posted victim email does not sign the attacker into the victim's user", async () => {
        const { adapter } = await freshAdapter();
        const mail = linkProvider();
        const appConfig = config({ adapter, providers: [mail, { ...apple(), allowDangerousEmailAccountLinking: true }] });
        const victim = new Browser(appConfig);
        await signInByLink(victim, mail, VICTIM);
        const victimUser = await sessionUser(victim);
        expect(victimUser?.email).toBe(VICTIM);
        const attacker = new PostingBrowser(appConfig, { user: forgedUser });
        await attacker.signInWith("apple", { login: "mallory" });
        const attackerUser = await sessionUser(attacker);
        expect(attackerUser?.id).toBeDefined();
        expect(attackerUser?.id).not.toBe(victimUser?.id);
        expect(attackerUser?.email ?? null).toBeNull();
        expect(await adapter.getUserByAccount({ provider: "apple", providerAccountId: "mallory" })).toMatchObject({ email: null, emailVerified: null });
    });
    test("[V4.1.2] a `user` in the callback's query string is ignored: only Apple's POST body names the user", async () => {
        const browser = new OAuthBrowser(config({ providers: [apple()] }));
        const { response } = await browser.signInWith("apple", {
            login: "walt",
            // The bounced GET of the form_post, with a `user` added to its query.
            interceptCallback: (url) => {
                url.searchParams.set("user", forgedUser);
                return url;
            },
        });
        expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/`);
        expect(await sessionUser(browser)).toMatchObject({ id: "walt", name: null });
    });
    test("[V4.1.2] a forged sealed name (another sign-in's, or garbage) is ignored", async () => {
        // The sealed name of mallory's sign-in, replayed in walt's bounced GET.
        const first = new PostingBrowser(config({ providers: [apple()] }), { user: forgedUser });
        let sealed = "";
        await first.signInWith("apple", {
            login: "mallory",
            interceptCallback: (url) => {
                sealed = url.searchParams.get("sesame_posted_name") ?? sealed;
                return url;
            },
        });
        expect(sealed).not.toBe("");
        for (const value of [sealed, "not-a-token"]) {
            const browser = new OAuthBrowser(config({ providers: [apple()] }));
            await browser.signInWith("apple", {
                login: "walt",
                interceptCallback: (url) => {
                    url.searchParams.set("sesame_posted_name", value);
                    return url;
                },
            });
            expect(await sessionUser(browser)).toMatchObject({ id: "walt", name: null });
        }
    });
    test("[V4.1.2] the posted name is used only for the user the sign-in creates; later posts do not rename it", async () => {
        const { adapter } = await freshAdapter();
        const appConfig = config({ adapter, providers: [apple("openid email")] });
        const first = new PostingBrowser(appConfig, { user: JSON.stringify({ name: { firstName: "Tim", lastName: "Apple" } }) });
        await first.signInWith("apple", { login: "tim" });
        expect(await sessionUser(first)).toMatchObject({ name: "Tim Apple", email: "tim@example.com" });
        const later = new PostingBrowser(appConfig, { user: JSON.stringify({ name: { firstName: "Mallory" } }) });
        await later.signInWith("apple", { login: "tim" });
        expect(await sessionUser(later)).toMatchObject({ name: "Tim Apple" });
        // Apple's email came from the ID token with email_verified: it is stored verified.
        expect((await adapter.getUserByEmail("tim@example.com"))?.emailVerified).toBeInstanceOf(Date);
    });
    test("[V4.1.2] any OIDC client: a posted `user` never reaches the profile the callbacks see", async () => {
        const jwt = vi.fn(({ token }) => token);
        const browser = new PostingBrowser(config({ providers: [oidc("formpost", { responseMode: "form_post" })], callbacks: { jwt } }), { user: forgedUser });
        await browser.signInWith("formpost", { login: "mallory" });
        const { profile } = jwt.mock.calls[0][0];
        expect(profile).toMatchObject({ sub: "mallory", email: "mallory@example.com" });
        expect(profile).not.toHaveProperty("user");
    });
});
// Regression (issue 28 item 2): an email an IdP never verified was stored and linked as proven (pre-account takeover).
describe("linking on an unverified email", () => {
    test("[V4.1.2] pre-account takeover: the owner's email-link sign-in does not enter the user an IdP created with email_verified false", async () => {
        const { adapter } = await freshAdapter();
        const mail = linkProvider();
        const appConfig = config({ adapter, providers: [mail, oidc("basic")] });
        const attacker = new OAuthBrowser(appConfig);
        await attacker.signInWith("basic", { login: "eve" });
        const squatter = await sessionUser(attacker);
        expect(squatter?.email).toBe(VICTIM);
        expect((await adapter.getUser(squatter.id))?.emailVerified).toBeNull();
        const owner = new Browser(appConfig);
        expect((await signInByLink(owner, mail, VICTIM)).headers.get("location")).toBe(`${APP_ORIGIN}/`);
        const ownerUser = await sessionUser(owner);
        expect(ownerUser?.email).toBe(VICTIM);
        expect(ownerUser?.id).not.toBe(squatter?.id);
        // The owner's user is new and verified; the squatter's keeps its IdP account but not the address.
        expect(await adapter.getUserByEmail(VICTIM)).toMatchObject({ id: ownerUser?.id, emailVerified: expect.any(Date) });
        expect(await adapter.getUserByAccount({ provider: "basic", providerAccountId: "eve" })).toMatchObject({ id: squatter?.id, email: null });
        // The attacker signing in again through the IdP lands in their own user, without the victim's address.
        const again = new OAuthBrowser(appConfig);
        await again.signInWith("basic", { login: "eve" });
        expect(await sessionUser(again)).toMatchObject({ id: squatter?.id, email: null });
    });
    // Regression (review after issue 28): the squatter's JWT sessions kept the released address in their email claim.
    test("[V4.1.2][V3.3.1] JWT sessions: the squatter's sessions, which carry the released address, end when the owner proves it", async () => {
        const { adapter } = await freshAdapter();
        const mail = linkProvider();
        const appConfig = config({ adapter, providers: [mail, oidc("basic")], session: { strategy: "jwt" }, revocation: { store: MemoryRevocationStore() } });
        const attacker = new OAuthBrowser(appConfig);
        await attacker.signInWith("basic", { login: "eve" });
        expect((await sessionUser(attacker))?.email).toBe(VICTIM);
        const owner = new Browser(appConfig);
        await signInByLink(owner, mail, VICTIM);
        expect((await sessionUser(owner))?.email).toBe(VICTIM);
        // The attacker's cookie no longer says it is the victim's address; signing in again gives no address.
        expect(await attacker.session()).toBeNull();
        const again = new OAuthBrowser(appConfig);
        await again.signInWith("basic", { login: "eve" });
        expect((await sessionUser(again))?.email ?? null).toBeNull();
    });
    test("[V4.1.2] a provider that says nothing about email_verified counts as unverified: the owner gets their own user", async () => {
        const { adapter } = await freshAdapter();
        const mail = linkProvider();
        const appConfig = config({ adapter, providers: [mail, oidc("basic")] });
        const attacker = new OAuthBrowser(appConfig);
        await attacker.signInWith("basic", { login: "quiet" });
        const owner = new Browser(appConfig);
        await signInByLink(owner, mail, VICTIM);
        expect((await sessionUser(owner))?.id).not.toBe((await sessionUser(attacker))?.id);
    });
    test("[V4.1.2] allowDangerousEmailAccountLinking does not link an account whose IdP says email_verified false", async () => {
        const { adapter } = await freshAdapter();
        const mail = linkProvider();
        const appConfig = config({ adapter, providers: [mail, oidc("basic", { allowDangerousEmailAccountLinking: true })] });
        const owner = new Browser(appConfig);
        await signInByLink(owner, mail, VICTIM);
        const attacker = new OAuthBrowser(appConfig);
        const { response } = await attacker.signInWith("basic", { login: "eve" });
        expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/api/auth/error?error=OAuthAccountNotLinked`);
        expect(sessionCookie(attacker)).toBeUndefined();
        expect(await adapter.getUserByAccount({ provider: "basic", providerAccountId: "eve" })).toBeNull();
    });
    test("[V4.1.2] allowDangerousEmailAccountLinking does not join a verified account to a user whose email was never verified", async () => {
        const { adapter } = await freshAdapter();
        const appConfig = config({ adapter, providers: [oidc("basic"), oidc("post", { clientAuth: "client_secret_post", allowDangerousEmailAccountLinking: true })] });
        const attacker = new OAuthBrowser(appConfig);
        await attacker.signInWith("basic", { login: "eve" });
        const owner = new OAuthBrowser(appConfig);
        await owner.signInWith("post", { login: "vera" });
        const ownerUser = await sessionUser(owner);
        expect(ownerUser).toMatchObject({ email: VICTIM });
        expect(ownerUser?.id).not.toBe((await sessionUser(attacker))?.id);
        expect(await adapter.getUserByEmail(VICTIM)).toMatchObject({ id: ownerUser?.id, emailVerified: expect.any(Date) });
    });
    test("[V4.1.2] both verified: allowDangerousEmailAccountLinking still links", async () => {
        const { adapter } = await freshAdapter();
        const mail = linkProvider();
        const appConfig = config({ adapter, providers: [mail, oidc("basic", { allowDangerousEmailAccountLinking: true })] });
        const owner = new Browser(appConfig);
        await signInByLink(owner, mail, VICTIM);
        const viaIdP = new OAuthBrowser(appConfig);
        await viaIdP.signInWith("basic", { login: "vera" });
        expect((await sessionUser(viaIdP))?.id).toBe((await sessionUser(owner))?.id);
    });
    test("[V4.1.2] a credentials user's email is unverified unless authorize says so; an email link to it gets its own user", async () => {
        const { adapter } = await freshAdapter();
        const mail = linkProvider();
        const password = (emailVerified) => Credentials({
            credentials: { username: { label: "Username" } },
            authorize: ({ username }) => ({ id: `cred-${username}`, email: `${username}@example.com`, ...(emailVerified !== undefined && { emailVerified }) }),
        });
        for (const [username, verified] of [["unproven", undefined], ["proven", true]]) {
            const appConfig = config({ adapter, providers: [mail, password(verified)] });
            const credentialsUser = new Browser(appConfig);
            await credentialsUser.signIn({ username });
            const owner = new Browser(appConfig);
            await signInByLink(owner, mail, `${username}@example.com`);
            const same = (await sessionUser(owner))?.id === `cred-${username}`;
            expect([username, same]).toEqual([username, verified === true]);
        }
        expect(await adapter.getUser("cred-unproven")).toMatchObject({ email: null });
    });
});
describe("callback parameters under fuzzing", () => {
    test("[V5.1.3] applePostedName takes any string without throwing and returns a short name or null", () => {
        fc.assert(fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ name: v })), fc.string().map((s) => JSON.stringify({ name: { firstName: s } }))), (value) => {
            const name = applePostedName(value);
            expect(name === null || (typeof name === "string" && name.length > 0 && name.length <= 200)).toBe(true);
        }), { numRuns: 2_000 });
    });
    test("[V5.1.3] arbitrary callback fields, posted or in the query, never answer 500 and are answered quickly", async () => {
        const errors = [];
        const appConfig = config({ providers: [apple()], logger: { error: (e) => errors.push(e) } });
        const browser = new OAuthBrowser(appConfig);
        // A sign-in in progress, so that the check cookie is there and the parsing runs past it.
        await browser.postForm("/api/auth/signin/apple", { csrfToken: await browser.csrf() });
        const field = fc.oneof(fc.string({ maxLength: 300 }), fc.json({ maxDepth: 4 }), fc.string({ unit: "grapheme", maxLength: 100 }));
        const fields = fc.record({ code: field, state: field, user: field, iss: field, error: field, sesame_posted_name: field, sesame_form_post: field }, { requiredKeys: [] });
        await fc.assert(fc.asyncProperty(fields, fc.boolean(), fc.boolean(), async (values, post, withCookie) => {
            const started = performance.now();
            const query = new URLSearchParams(values);
            const response = post
                ? await browser.fetch("/api/auth/callback/apple", {
                    method: "POST",
                    headers: { "content-type": "application/x-www-form-urlencoded", ...(!withCookie && { cookie: "" }) },
                    body: query,
                })
                : await browser.fetch(`/api/auth/callback/apple?${query}`, withCookie ? {} : { headers: { cookie: "" } });
            expect(response.status).toBeLessThan(500);
            // Generous, for a shared CI machine's GC and scheduler pauses: what it rules out is a parser that takes
            // seconds on some input.
            expect(performance.now() - started).toBeLessThan(250);
        }), { numRuns: 300 });
        expect(errors).toEqual([]);
    });
});
