import { describe, expect, test } from "vitest";
import { Auth } from "../../../src/index.js";
import { Browser, ORIGIN, config, setCookies } from "../../support/helpers.js";
describe("the auth HTTP API", () => {
    test("GET /session without a cookie answers null, uncached", async () => {
        const response = await new Browser(config()).fetch("/api/auth/session");
        expect(response.status).toBe(200);
        expect(response.headers.get("cache-control")).toContain("no-store");
        expect(await response.json()).toBeNull();
    });
    test("GET /csrf issues a token in a signed, HttpOnly, SameSite=Lax cookie and reuses it", async () => {
        const browser = new Browser(config());
        const first = await browser.fetch("/api/auth/csrf");
        const { csrfToken } = (await first.json());
        expect(csrfToken).toMatch(/^[\w-]{43}$/);
        const [cookie] = setCookies(first);
        expect(cookie).toMatchObject({ name: "sesame.csrf-token", attributes: { httponly: true, samesite: "Lax", path: "/" } });
        expect(cookie.value.startsWith(`${csrfToken}|`)).toBe(true);
        const second = await browser.fetch("/api/auth/csrf");
        expect((await second.json()).csrfToken).toBe(csrfToken);
        expect(setCookies(second)).toEqual([]);
    });
    test("GET /providers lists providers in Auth.js's shape", async () => {
        const response = await new Browser(config()).fetch("/api/auth/providers");
        expect(await response.json()).toEqual({
            credentials: {
                id: "credentials",
                name: "Credentials",
                type: "credentials",
                signinUrl: `${ORIGIN}/api/auth/signin/credentials`,
                callbackUrl: `${ORIGIN}/api/auth/callback/credentials`,
            },
        });
    });
    test("GET /signin renders a self-contained form with labels, the CSRF token and the callback URL", async () => {
        const browser = new Browser(config());
        const response = await browser.fetch("/api/auth/signin?callbackUrl=%2Fdashboard");
        expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
        expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
        const html = await response.text();
        const csrf = browser.jar.get("sesame.csrf-token").split("|")[0];
        expect(html).toContain(`name="csrfToken" value="${csrf}"`);
        expect(html).toContain(`name="callbackUrl" value="${ORIGIN}/dashboard"`);
        expect(html).toContain(`action="${ORIGIN}/api/auth/callback/credentials"`);
        expect(html).toMatch(/<label for="credentials-password">Password<\/label><input id="credentials-password" name="password" type="password"/);
        expect(html).not.toMatch(/<script|<link/);
        expect(browser.jar.get("sesame.callback-url")).toBe(`${ORIGIN}/dashboard`);
    });
    test("GET /signin shows the error in plain words", async () => {
        const html = await (await new Browser(config()).fetch("/api/auth/signin?error=CredentialsSignin")).text();
        expect(html).toContain('role="alert">Sign in failed. Check that the details you entered are correct.');
    });
    test("pages.signIn replaces the built-in page, keeping error and callbackUrl", async () => {
        const response = await new Browser(config({ pages: { signIn: "/login" } })).fetch("/api/auth/signin?error=AccessDenied&callbackUrl=/x");
        expect(response.status).toBe(302);
        expect(response.headers.get("location")).toBe(`${ORIGIN}/login?callbackUrl=${encodeURIComponent(`${ORIGIN}/x`)}&error=AccessDenied`);
    });
    // Regression: pages.signOut was ignored: GET /signout rendered the built-in page.
    test("pages.signOut and pages.error replace the built-in pages", async () => {
        const browser = new Browser(config({ pages: { signOut: "/bye", error: "/oops" } }));
        expect((await browser.fetch("/api/auth/signout?callbackUrl=/home")).headers.get("location")).toBe(`${ORIGIN}/bye?callbackUrl=${encodeURIComponent(`${ORIGIN}/home`)}`);
        expect((await browser.fetch("/api/auth/error?error=AccessDenied")).headers.get("location")).toBe(`${ORIGIN}/oops?error=AccessDenied`);
    });
    test("GET /signout renders a confirmation form posting with the CSRF token", async () => {
        const html = await (await new Browser(config()).fetch("/api/auth/signout")).text();
        expect(html).toContain(`action="${ORIGIN}/api/auth/signout"`);
        expect(html).toMatch(/name="csrfToken" value="[\w-]{43}"/);
    });
    test("GET /error renders the message with a status matching the code", async () => {
        const browser = new Browser(config());
        const denied = await browser.fetch("/api/auth/error?error=AccessDenied");
        expect(denied.status).toBe(403);
        expect(await denied.text()).toContain("You do not have permission to sign in.");
        expect((await browser.fetch("/api/auth/error?error=Configuration")).status).toBe(500);
        const injected = await (await browser.fetch("/api/auth/error?error=%3Cscript%3E")).text();
        expect(injected).not.toContain("<script>");
    });
    test("the theme reaches the pages, and unsafe values are ignored", async () => {
        const themed = await (await new Browser(config({ theme: { brandColor: "#ff0066", logo: "https://example.com/logo.svg" } })).fetch("/api/auth/signin")).text();
        expect(themed).toContain("--brand: #ff0066");
        expect(themed).toContain('src="https://example.com/logo.svg"');
        const hostile = await (await new Browser(config({ theme: { brandColor: "red;} body{display:none", logo: "javascript:alert(1)" } })).fetch("/api/auth/signin")).text();
        expect(hostile).not.toContain("display:none");
        expect(hostile).not.toContain("javascript:");
    });
    test("an unknown route is a 404 JSON error", async () => {
        const browser = new Browser(config());
        for (const path of ["/api/auth/nope", "/api/auth/session/extra", "/elsewhere", "/api/auth/callback"]) {
            const response = await browser.fetch(path);
            expect(response.status, path).toBe(404);
            expect(await response.json()).toMatchObject({ error: "UnknownAction" });
        }
    });
    test("an unknown provider is a 404 JSON error", async () => {
        const browser = new Browser(config());
        const response = await browser.postJson("/api/auth/callback/github", { csrfToken: await browser.csrf() });
        expect(response.status).toBe(404);
        expect(await response.json()).toMatchObject({ error: "UnknownProvider" });
    });
    test("a wrong method is a 405 naming the allowed ones", async () => {
        const browser = new Browser(config());
        const put = await browser.fetch("/api/auth/session", { method: "PUT" });
        expect(put.status).toBe(405);
        expect(put.headers.get("allow")).toBe("GET, POST");
        expect(await put.json()).toMatchObject({ error: "MethodNotAllowed" });
        const postCsrf = await browser.fetch("/api/auth/csrf", { method: "POST" });
        expect(postCsrf.status).toBe(405);
        expect(postCsrf.headers.get("allow")).toBe("GET");
        const getCallback = await browser.fetch("/api/auth/callback/credentials");
        expect(getCallback.status).toBe(405);
    });
    test("HEAD is answered like GET", async () => {
        const response = await Auth(new Request(`${ORIGIN}/api/auth/session`, { method: "HEAD" }), config());
        expect(response.status).toBe(200);
    });
    test("a custom basePath moves every route", async () => {
        const browser = new Browser(config({ basePath: "/auth/" }));
        expect((await browser.fetch("/auth/session")).status).toBe(200);
        expect((await browser.fetch("/api/auth/session")).status).toBe(404);
    });
    test("URLs come from X-Forwarded-* when the host is trusted", async () => {
        const response = await new Browser(config()).fetch("/api/auth/providers", {
            headers: { "x-forwarded-host": "app.example.com", "x-forwarded-proto": "https" },
        });
        const body = (await response.json());
        expect(body.credentials.signinUrl).toBe("https://app.example.com/api/auth/signin/credentials");
    });
});
