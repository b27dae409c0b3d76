import { describe, expect, test, vi } from "vitest";
import { CredentialsSignin } from "../../../src/index.js";
import Credentials from "../../../src/providers/credentials.js";
import { Browser, ORIGIN, alice, config, sessionCookie, setCookies } from "../../support/helpers.js";
describe("credentials sign-in", () => {
    test("a correct form post sets an HttpOnly session cookie and redirects to the callback URL", async () => {
        const browser = new Browser(config());
        const response = await browser.signIn({ username: "alice", password: "wonderland", callbackUrl: "/dashboard" });
        expect(response.status).toBe(302);
        expect(response.headers.get("location")).toBe(`${ORIGIN}/dashboard`);
        const cookie = setCookies(response).find((c) => c.name === "sesame.session-token");
        expect(cookie.attributes).toMatchObject({ httponly: true, samesite: "Lax", path: "/", "max-age": String(30 * 24 * 3600) });
        expect(cookie.attributes.secure).toBeUndefined();
        expect(await browser.session()).toEqual({
            user: { id: "1", name: "Alice", email: "alice@example.com", image: "https://example.com/a.png" },
            expires: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        });
    });
    test("POST /signin/credentials works like the callback", async () => {
        const browser = new Browser(config());
        const response = await browser.postForm("/api/auth/signin/credentials", { csrfToken: await browser.csrf(), username: "alice", password: "wonderland" });
        expect(response.status).toBe(302);
        expect(sessionCookie(browser)).toBeDefined();
    });
    test("the callback-url cookie set by the sign-in page is the default destination", async () => {
        const browser = new Browser(config());
        await browser.fetch("/api/auth/signin?callbackUrl=/orders");
        const response = await browser.signIn();
        expect(response.headers.get("location")).toBe(`${ORIGIN}/orders`);
    });
    test("wrong credentials go back to the sign-in page with CredentialsSignin and no session", async () => {
        const browser = new Browser(config());
        const response = await browser.signIn({ username: "alice", password: "nope", callbackUrl: "/dashboard" });
        expect(response.status).toBe(302);
        const location = new URL(response.headers.get("location"));
        expect(location.pathname).toBe("/api/auth/signin");
        expect(Object.fromEntries(location.searchParams)).toEqual({ error: "CredentialsSignin", code: "credentials", callbackUrl: `${ORIGIN}/dashboard` });
        expect(sessionCookie(browser)).toBeUndefined();
    });
    test("an unknown user gets exactly the same answer as a wrong password", async () => {
        const unknown = await new Browser(config()).signIn({ username: "mallory", password: "x" });
        const wrong = await new Browser(config()).signIn({ username: "alice", password: "x" });
        expect(unknown.status).toBe(wrong.status);
        expect(unknown.headers.get("location")).toBe(wrong.headers.get("location"));
    });
    test("a CredentialsSignin subclass passes its own code to the client", async () => {
        class AccountLocked extends CredentialsSignin {
            code = "account_locked";
        }
        const locked = Credentials({
            authorize: () => {
                throw new AccountLocked();
            },
        });
        const browser = new Browser(config({ providers: [locked] }));
        const response = await browser.signIn({ username: "a", password: "b" });
        expect(new URL(response.headers.get("location")).searchParams.get("code")).toBe("account_locked");
    });
    test("clients asking for JSON get { url } instead of a redirect (v5 header, v4 body)", async () => {
        const v5 = new Browser(config());
        const ok = await v5.postForm("/api/auth/callback/credentials", { csrfToken: await v5.csrf(), username: "alice", password: "wonderland" }, { "x-auth-return-redirect": "1" });
        expect(ok.status).toBe(200);
        expect(await ok.json()).toEqual({ url: `${ORIGIN}/` });
        expect(sessionCookie(v5)).toBeDefined();
        const v4 = new Browser(config());
        const failed = await v4.postForm("/api/auth/callback/credentials", { csrfToken: await v4.csrf(), username: "alice", password: "x", json: "true" });
        expect(failed.status).toBe(401);
        const body = (await failed.json());
        expect(body).toMatchObject({ error: "CredentialsSignin", code: "credentials" });
        expect(new URL(body.url).searchParams.get("error")).toBe("CredentialsSignin");
    });
    test("JSON bodies sign in too", async () => {
        const browser = new Browser(config());
        const response = await browser.postJson("/api/auth/callback/credentials", { csrfToken: await browser.csrf(), username: "alice", password: "wonderland" }, { "x-auth-return-redirect": "1" });
        expect(response.status).toBe(200);
        expect(await browser.session()).toMatchObject({ user: { name: "Alice" } });
    });
    test("authorize receives the posted fields (not Sesame's own) and the request", async () => {
        const authorize = vi.fn(() => alice);
        const browser = new Browser(config({ providers: [Credentials({ authorize })] }));
        await browser.signIn({ username: "alice", otp: "123456", callbackUrl: "/x" });
        expect(authorize).toHaveBeenCalledOnce();
        const [credentials, request] = authorize.mock.calls[0];
        expect(credentials).toEqual({ username: "alice", otp: "123456" });
        expect(request).toBeInstanceOf(Request);
    });
    test("authorize throwing an ordinary error is a Configuration error page, without the stack", async () => {
        const logged = [];
        const broken = Credentials({
            authorize: () => {
                throw new Error("database exploded at /srv/app/db.ts:12");
            },
        });
        const browser = new Browser(config({ providers: [broken], logger: { error: (e) => logged.push(e) } }));
        const form = await browser.signIn({ username: "a" });
        expect(form.status).toBe(302);
        expect(form.headers.get("location")).toBe(`${ORIGIN}/api/auth/error?error=Configuration`);
        const api = await browser.postJson("/api/auth/callback/credentials", { csrfToken: await browser.csrf() });
        expect(api.status).toBe(500);
        const text = await api.text();
        expect(text).not.toContain("exploded");
        expect(text).not.toMatch(/\bat .+:\d+/);
        expect(logged[0]?.cause).toBeInstanceOf(Error);
    });
    test("signIn callback: false is AccessDenied, a string redirects there instead, both without a session", async () => {
        const denied = new Browser(config({ callbacks: { signIn: () => false } }));
        const refused = await denied.signIn();
        expect(refused.headers.get("location")).toBe(`${ORIGIN}/api/auth/error?error=AccessDenied`);
        expect(sessionCookie(denied)).toBeUndefined();
        const elsewhere = new Browser(config({ callbacks: { signIn: () => "/onboarding" } }));
        const moved = await elsewhere.signIn();
        expect(moved.headers.get("location")).toBe(`${ORIGIN}/onboarding`);
        expect(sessionCookie(elsewhere)).toBeUndefined();
    });
    test("jwt gets user, account and trigger on sign-in; events.signIn fires", async () => {
        const jwt = vi.fn(({ token }) => token);
        const signIn = vi.fn();
        const browser = new Browser(config({ callbacks: { jwt }, events: { signIn } }));
        await browser.signIn();
        expect(jwt.mock.calls[0][0]).toMatchObject({
            token: { sub: "1", name: "Alice", email: "alice@example.com", picture: "https://example.com/a.png" },
            user: alice,
            account: { provider: "credentials", type: "credentials", providerAccountId: "1" },
            trigger: "signIn",
        });
        expect(signIn).toHaveBeenCalledWith(expect.objectContaining({ user: alice, account: expect.objectContaining({ provider: "credentials" }) }));
    });
    test("a user without an id still gets a stable subject", async () => {
        const browser = new Browser(config({ providers: [Credentials({ authorize: () => ({ name: "Anon" }) })] }));
        await browser.signIn();
        const first = (await browser.session());
        expect(first.user?.id).toMatch(/^[0-9a-f-]{36}$/);
        expect((await browser.session()).user?.id).toBe(first.user?.id);
    });
});
describe("seed scenario: a custom backend returns access/refresh JWTs kept in the session", () => {
    const backend = Credentials({
        credentials: { email: {}, password: {} },
        authorize: ({ email }) => ({
            id: "7",
            name: "Bob",
            email: email ?? "",
            tokens: { access: "access-jwt", refresh: "refresh-jwt" },
            validity: { valid_until: 2_000_000_000, refresh_until: 2_100_000_000 },
        }),
    });
    const seedConfig = config({
        providers: [backend],
        callbacks: {
            jwt: ({ token, user }) => (user ? { ...token, data: user } : token),
            session: ({ session, token }) => {
                const data = token.data;
                return { ...session, user: { id: data.id, name: data.name, email: data.email }, validity: data.validity, accessToken: data.tokens.access };
            },
        },
    });
    test("authorize + jwt + session callbacks carry the backend tokens", async () => {
        const browser = new Browser(seedConfig);
        await browser.signIn({ email: "bob@example.com", password: "pw" });
        const session = (await browser.session());
        expect(session).toMatchObject({
            user: { id: "7", name: "Bob", email: "bob@example.com" },
            accessToken: "access-jwt",
            validity: { valid_until: 2_000_000_000, refresh_until: 2_100_000_000 },
        });
        expect(JSON.stringify(session)).not.toContain("refresh-jwt");
    });
});
