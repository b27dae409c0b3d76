/** Full sign-in round trips against a real OpenID Provider (oidc-provider) over HTTP. */
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { OAuth, OIDC } from "../../../src/providers/oauth.js";
import { config, sessionCookie } from "../../support/helpers.js";
import { OAuthBrowser } from "../../support/oauth-browser.js";
import { APP_ORIGIN, CLIENT_SECRET, startOP } from "../../support/op.js";
let op;
beforeAll(async () => {
    op = await startOP();
});
afterAll(() => op.close());
export function oidcClient(id, extra = {}) {
    return OIDC({ id, name: `OP ${id}`, issuer: op.issuer, clientId: id, clientSecret: CLIENT_SECRET, allowInsecureRequests: true, ...extra });
}
describe("OpenID Connect sign-in", () => {
    test.each([
        ["client_secret_basic", "basic", {}],
        ["client_secret_post", "post", { clientAuth: "client_secret_post" }],
        ["a public client (PKCE, no secret)", "public", { clientSecret: undefined }],
    ])("%s: the whole round trip ends signed in at the callback URL", async (_name, id, extra) => {
        const browser = new OAuthBrowser(config({ providers: [oidcClient(id, extra)] }));
        const { response, callback } = await browser.signInWith(id, { login: "bob", callbackUrl: "/dashboard" });
        expect(response.status).toBe(302);
        expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/dashboard`);
        expect(callback?.searchParams.get("iss")).toBe(op.issuer);
        expect(await browser.session()).toEqual({
            user: { id: "bob", name: "User bob", email: "bob@example.com", image: "https://example.com/bob.png" },
            expires: expect.any(String),
        });
        // The check cookie is spent.
        expect(browser.jar.has("sesame.oauth-checks")).toBe(false);
    });
    test("the authorization request carries PKCE S256, state, nonce and the provider's own parameters", async () => {
        const browser = new OAuthBrowser(config({ providers: [oidcClient("basic", { authorization: { params: { access_type: "offline", prompt: "consent" } } })] }));
        const start = await browser.postForm("/api/auth/signin/basic", { csrfToken: await browser.csrf() });
        const url = new URL(start.headers.get("location"));
        expect(url.origin).toBe(op.issuer);
        expect(Object.fromEntries(url.searchParams)).toMatchObject({
            client_id: "basic",
            response_type: "code",
            redirect_uri: `${APP_ORIGIN}/api/auth/callback/basic`,
            scope: "openid profile email",
            code_challenge_method: "S256",
            code_challenge: expect.stringMatching(/^[\w-]{43}$/),
            state: expect.stringMatching(/^[\w-]{43}$/),
            nonce: expect.stringMatching(/^[\w-]{43}$/),
            access_type: "offline",
            prompt: "consent",
        });
        const checks = start.headers.getSetCookie().find((c) => c.startsWith("sesame.oauth-checks="));
        expect(checks).toMatch(/Max-Age=900; Path=\/; HttpOnly; SameSite=Lax/);
        expect(checks).not.toContain(url.searchParams.get("state"));
    });
    test("`checks` chooses the check values: without nonce the request has none and the ID token must have none", async () => {
        const browser = new OAuthBrowser(config({ providers: [oidcClient("basic", { checks: ["pkce", "state"] })] }));
        const start = await browser.postForm("/api/auth/signin/basic", { csrfToken: await browser.csrf() });
        const params = new URL(start.headers.get("location")).searchParams;
        expect(params.has("nonce")).toBe(false);
        expect(params.has("code_challenge")).toBe(true);
        await browser.follow(start, { login: "ivy" });
        expect(await browser.session()).toMatchObject({ user: { id: "ivy" } });
    });
    test("jwt receives account (tokens, expiry, provider) and profile; signIn receives them too", async () => {
        const jwt = vi.fn(({ token }) => token);
        const signIn = vi.fn(() => true);
        const browser = new OAuthBrowser(config({ providers: [oidcClient("basic")], callbacks: { jwt, signIn } }));
        await browser.signInWith("basic", { login: "carol" });
        const { account, profile, trigger } = jwt.mock.calls[0][0];
        expect(trigger).toBe("signIn");
        expect(account).toMatchObject({
            provider: "basic",
            type: "oidc",
            providerAccountId: "carol",
            access_token: expect.any(String),
            token_type: "bearer",
            id_token: expect.stringMatching(/^ey/),
            scope: expect.stringContaining("openid"),
            expires_at: expect.any(Number),
        });
        expect(account.expires_at - Date.now() / 1000).toBeGreaterThan(250);
        expect(profile).toMatchObject({ sub: "carol", email: "carol@example.com", email_verified: true, iss: op.issuer, aud: "basic" });
        expect(signIn).toHaveBeenCalledWith(expect.objectContaining({ account: expect.objectContaining({ provider: "basic" }), profile: expect.objectContaining({ sub: "carol" }) }));
    });
    test("the signIn callback can refuse: AccessDenied, no session", async () => {
        const browser = new OAuthBrowser(config({ providers: [oidcClient("basic")], callbacks: { signIn: ({ profile }) => profile?.sub !== "mallory" } }));
        const { response } = await browser.signInWith("basic", { login: "mallory" });
        expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/api/auth/error?error=AccessDenied`);
        expect(sessionCookie(browser)).toBeUndefined();
    });
    test("a custom profile mapping decides the user", async () => {
        const browser = new OAuthBrowser(config({ providers: [oidcClient("basic", { profile: (p) => ({ id: `op|${p.sub}`, name: String(p.email) }) })] }));
        await browser.signInWith("basic", { login: "dave" });
        expect((await browser.session()).user).toMatchObject({ id: "op|dave", name: "dave@example.com" });
    });
    test("response_mode=form_post: the cross-site POST is turned into a GET that carries the check cookie", async () => {
        const browser = new OAuthBrowser(config({ providers: [oidcClient("formpost", { responseMode: "form_post" })] }));
        const { response, callback } = await browser.signInWith("formpost", { login: "erin", callbackUrl: "/home" });
        expect(callback?.pathname).toBe("/api/auth/callback/formpost");
        expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/home`);
        expect(await browser.session()).toMatchObject({ user: { id: "erin" } });
    });
    test("the sign-in page offers a button per provider, posting with the CSRF token", async () => {
        const html = await (await new OAuthBrowser(config({ providers: [oidcClient("basic")] })).fetch("/api/auth/signin")).text();
        expect(html).toContain(`action="${APP_ORIGIN}/api/auth/signin/basic"`);
        expect(html).toContain("Sign in with OP basic");
    });
});
describe("signing out of the provider too (RP-initiated logout)", () => {
    test("opt-in: sign-out goes through the provider's end_session_endpoint and comes back", async () => {
        const browser = new OAuthBrowser(config({ providers: [oidcClient("basic", { endSessionOnSignOut: true })] }));
        await browser.signInWith("basic", { login: "hank" });
        expect(browser.providerJar.has("_session")).toBe(true);
        const signOut = await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf(), callbackUrl: "/signed-out" });
        expect(sessionCookie(browser)).toBeUndefined();
        const endSession = new URL(signOut.headers.get("location"));
        expect(`${endSession.origin}${endSession.pathname}`).toBe(`${op.issuer}/session/end`);
        expect(endSession.searchParams.get("client_id")).toBe("basic");
        expect(endSession.searchParams.get("post_logout_redirect_uri")).toBe(`${APP_ORIGIN}/signed-out`);
        expect(endSession.searchParams.get("id_token_hint")).toMatch(/^ey/);
        // The provider asks for confirmation, then sends the browser back.
        const confirm = await (await browser.visit(endSession)).text();
        const action = /action="([^"]+)"/.exec(confirm)[1];
        const fields = new URLSearchParams([...confirm.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
        fields.set("logout", "yes");
        const done = await browser.visit(new URL(action, op.issuer), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: fields });
        expect(done.headers.get("location")).toBe(`${APP_ORIGIN}/signed-out`);
        expect(browser.providerJar.has("_session")).toBe(false);
    });
    test("off by default: sign-out stays in the app and the token carries no ID token", async () => {
        const browser = new OAuthBrowser(config({ providers: [oidcClient("basic")] }));
        await browser.signInWith("basic");
        expect(sessionCookie(browser).length).toBeLessThan(600);
        const signOut = await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf(), callbackUrl: "/bye" });
        expect(signOut.headers.get("location")).toBe(`${APP_ORIGIN}/bye`);
    });
});
describe("plain OAuth 2.0", () => {
    test("configured endpoints, no ID token handling, the profile from userinfo", async () => {
        const plain = OAuth({
            id: "plain",
            name: "Plain OAuth",
            issuer: op.issuer,
            clientId: "plain",
            clientSecret: CLIENT_SECRET,
            authorization: { url: `${op.issuer}/auth`, params: { scope: "openid email profile" } },
            token: `${op.issuer}/token`,
            userinfo: `${op.issuer}/me`,
            allowInsecureRequests: true,
        });
        const jwt = vi.fn(({ token }) => token);
        const browser = new OAuthBrowser(config({ providers: [plain], callbacks: { jwt } }));
        const start = await browser.postForm("/api/auth/signin/plain", { csrfToken: await browser.csrf() });
        expect(new URL(start.headers.get("location")).searchParams.has("nonce")).toBe(false);
        await browser.follow(start, { login: "frank" });
        expect(await browser.session()).toMatchObject({ user: { id: "frank", email: "frank@example.com" } });
        expect(jwt.mock.calls[0][0].account.type).toBe("oauth");
    });
});
describe("provider credentials from the environment", () => {
    afterEach(() => vi.unstubAllEnvs());
    test("AUTH_<ID>_ID, _SECRET and _ISSUER fill what the config leaves out", async () => {
        vi.stubEnv("AUTH_BASIC_ID", "basic");
        vi.stubEnv("AUTH_BASIC_SECRET", CLIENT_SECRET);
        vi.stubEnv("AUTH_BASIC_ISSUER", op.issuer);
        const browser = new OAuthBrowser(config({ providers: [OIDC({ id: "basic", allowInsecureRequests: true })] }));
        await browser.signInWith("basic", { login: "gina" });
        expect(await browser.session()).toMatchObject({ user: { id: "gina" } });
    });
    test("a missing client id is a configuration error naming the variable", async () => {
        vi.stubEnv("AUTH_GOOGLE_ID", undefined);
        const errors = [];
        const browser = new OAuthBrowser(config({ providers: [OIDC({ id: "google", issuer: "https://accounts.google.com" })], logger: { error: (e) => errors.push(e) } }));
        expect((await browser.fetch("/api/auth/providers")).status).toBe(500);
        expect(errors[0]?.message).toBe('Provider "google" has no client id: set AUTH_GOOGLE_ID (and AUTH_GOOGLE_SECRET) or pass `clientId`.');
    });
});
