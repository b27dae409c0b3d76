/**
 * Issue 28, items 12 and 13: no credential reaches a log line, and no sibling subdomain can toss a session
 * cookie. Real `Auth()`, a real (deliberately broken) OAuth provider over HTTP, a real SQLite database.
 */
import { once } from "node:events";
import { createServer } from "node:http";
import { inspect } from "node:util";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { Auth } from "../../src/index.js";
import { SqlAdapter } from "../../src/adapters/sql.js";
import { readChunkedCookie } from "../../src/core/cookies/chunking.js";
import { parseCookies } from "../../src/core/cookies/serialize.js";
import { sha256 } from "../../src/core/digest.node.js";
import { decode, encode, getToken } from "../../src/jwt.js";
import Credentials from "../../src/providers/credentials.js";
import { sqliteDatabase } from "../support/databases.js";
import { OAuth } from "../../src/providers/oauth.js";
import { OAuthBrowser } from "../support/oauth-browser.js";
import { Browser, SECRET, setCookies } from "../support/helpers.js";
// Recognisable values: if any of them shows up in a log line, a credential leaked.
const LEAKS = {
    accessToken: "AT-leak-5b0c1d2e3f4a",
    refreshToken: "RT-leak-6c1d2e3f4a5b",
    idToken: "eyJhbGciOiJSUzI1NiIsImtpZCI6ImxlYWsifQ.eyJzdWIiOiJsZWFrLXN1YmplY3QifQ.bGVhay1zaWduYXR1cmUtN2QyZTNm",
    code: "CODE-leak-7d2e3f4a5b6c",
    clientSecret: "client-secret-leak-8e3f4a5b6c7d-0123456789",
};
/**
 * An OAuth provider whose token endpoint answers a response oauth4webapi rejects (`scope` as an array, as
 * some providers do), carrying real-looking tokens. Its authorization endpoint approves at once.
 */
async function brokenProvider() {
    const server = createServer((request, response) => {
        const url = new URL(request.url ?? "/", "http://provider");
        if (url.pathname === "/authorize") {
            const back = new URL(url.searchParams.get("redirect_uri"));
            back.searchParams.set("code", LEAKS.code);
            back.searchParams.set("state", url.searchParams.get("state"));
            response.writeHead(302, { location: back.href }).end();
            return;
        }
        if (url.pathname === "/token") {
            response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({
                access_token: LEAKS.accessToken,
                refresh_token: LEAKS.refreshToken,
                id_token: LEAKS.idToken,
                token_type: "Bearer",
                expires_in: 3600,
                scope: ["openid", "email"],
            }));
            return;
        }
        response.writeHead(404).end();
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return { base: `http://127.0.0.1:${server.address().port}`, server };
}
/** Everything written to the console, as the console would print it (nested causes included). */
function captureConsole() {
    const lines = [];
    for (const method of ["error", "warn", "debug", "info", "log"]) {
        vi.spyOn(console, method).mockImplementation((...args) => {
            lines.push(args.map((arg) => (typeof arg === "string" ? arg : inspect(arg, { depth: Infinity, showHidden: true }))).join(" "));
        });
    }
    return lines;
}
function expectNoLeak(lines) {
    const text = lines.join("\n");
    for (const [what, value] of Object.entries(LEAKS))
        expect(text, `${what} leaked into a log line`).not.toContain(value);
}
// Regression (issue 28 item 12): a rejected token response was logged as the error's cause, with its access, refresh and ID tokens.
describe("item 12: no token, code or secret reaches a log line", () => {
    let provider;
    beforeAll(async () => {
        provider = await brokenProvider();
    });
    afterAll(() => new Promise((resolve) => provider.server.close(() => resolve())));
    afterEach(() => vi.restoreAllMocks());
    const appConfig = (overrides = {}) => ({
        secret: SECRET,
        trustHost: true,
        providers: [
            OAuth({
                id: "leaky",
                name: "Leaky",
                clientId: "leaky-client",
                clientSecret: LEAKS.clientSecret,
                authorization: `${provider.base}/authorize`,
                token: `${provider.base}/token`,
                userinfo: `${provider.base}/me`,
                allowInsecureRequests: true,
            }),
        ],
        ...overrides,
    });
    async function rejectedSignIn(config) {
        const browser = new OAuthBrowser(config);
        const { response, callback } = await browser.signInWith("leaky");
        // The provider did answer with the code, and the sign-in failed on its malformed token response.
        expect(callback?.searchParams.get("code")).toBe(LEAKS.code);
        expect(response.headers.get("location")).toContain("error=OAuthCallbackError");
        expect(await response.text()).not.toContain(LEAKS.accessToken);
    }
    test("[V7.1.1][V8.3.4][RFC 9700 §4.14] a rejected token response (scope as an array) is logged by the default logger without any of its tokens", async () => {
        const lines = captureConsole();
        await rejectedSignIn(appConfig({ debug: true }));
        // The failure itself is logged, with what was wrong: only the credentials are gone.
        expect(lines.join("\n")).toContain("OAuthCallbackError");
        expect(lines.join("\n")).toContain("scope");
        expectNoLeak(lines);
    });
    test("[V7.1.1][V8.3.4] the app's own logger is handed redacted errors: no token in message, fields or cause chain", async () => {
        const lines = captureConsole();
        const received = [];
        const logger = {
            error: (error) => received.push(error),
            warn: (code, message) => received.push(code, message),
            debug: (message, meta) => received.push(message, meta),
        };
        await rejectedSignIn(appConfig({ logger }));
        const errors = received.filter((item) => item instanceof Error);
        expect(errors.map((e) => e.name)).toContain("OAuthCallbackError");
        // Every level of the cause chain, printed the way a logging service would serialise it.
        const serialised = received.map((item) => inspect(item, { depth: Infinity, showHidden: true }));
        for (let error = errors[0]; error instanceof Error; error = error.cause) {
            serialised.push(JSON.stringify(Object.entries(error)), String(error.stack));
        }
        expectNoLeak([...serialised, ...lines]);
    });
});
// Regression (issue 28 item 13): a sibling subdomain could plant a __Secure- session cookie for the parent domain (login CSRF).
describe("item 13: no cookie tossing from a sibling subdomain", () => {
    const HTTPS = "https://app.example.com";
    const HOST_SESSION = "__Host-sesame.session-token";
    const OLD_SESSION = "__Secure-sesame.session-token";
    // Anyone may sign in as the name they type: the attacker is a user of the app like any other.
    const anyone = Credentials({ credentials: { username: {} }, authorize: ({ username }) => (username ? { id: username, name: username } : null) });
    const jwtConfig = {
        secret: SECRET,
        trustHost: true,
        providers: [anyone, OAuth({ id: "ext", name: "Ext", clientId: "c", clientSecret: "s", authorization: "https://idp.example.net/authorize", token: "https://idp.example.net/token" })],
    };
    let database;
    let dbConfig;
    beforeAll(async () => {
        database = await sqliteDatabase();
        dbConfig = { ...jwtConfig, adapter: SqlAdapter(database.db) };
    });
    afterAll(() => database.drop());
    async function signedIn(config, username) {
        const browser = new Browser(config, HTTPS);
        expect((await browser.signIn({ username })).status).toBe(302);
        return browser;
    }
    /** `/session` with exactly this Cookie header, as a browser sends it (a planted cookie can come first). */
    async function sessionWith(config, cookie) {
        const response = await Auth(new Request(`${HTTPS}/api/auth/session`, { headers: { cookie } }), config);
        const body = (await response.json());
        return { user: body?.user?.name ?? undefined, set: setCookies(response) };
    }
    test("[V3.4.4][RFC 6265bis §4.1.3.2] on https without a Domain, the session, CSRF, callback-url and OAuth-checks cookies are __Host- (Secure, Path=/, no Domain)", async () => {
        const browser = new Browser(jwtConfig, HTTPS);
        await browser.fetch("/api/auth/signin?callbackUrl=%2Fdashboard");
        const start = await browser.postForm("/api/auth/signin/ext", { csrfToken: await browser.csrf() });
        const signIn = await browser.signIn({ username: "alice" });
        const cookies = [...setCookies(start), ...setCookies(signIn)].filter((c) => c.value !== "");
        const names = new Set([...cookies.map((c) => c.name), ...browser.jar.keys()]);
        for (const name of ["sesame.session-token", "sesame.csrf-token", "sesame.callback-url", "sesame.oauth-checks"]) {
            expect(names, name).toContain(`__Host-${name}`);
            expect(names, name).not.toContain(`__Secure-${name}`);
        }
        for (const cookie of cookies) {
            expect(cookie.name, cookie.name).toMatch(/^__Host-/);
            expect(cookie.attributes, cookie.name).toMatchObject({ path: "/", secure: true });
            expect(cookie.attributes.domain, cookie.name).toBeUndefined();
        }
        // Sharing across subdomains (a Domain) keeps the __Secure- prefix, which is all browsers allow there.
        const shared = new Browser({ ...jwtConfig, cookies: { sessionToken: { options: { domain: ".example.com" } } } }, HTTPS);
        await shared.signIn({ username: "alice" });
        expect(shared.jar.has(OLD_SESSION)).toBe(true);
        // getToken finds the new cookie by default.
        const req = { url: `${HTTPS}/`, headers: { cookie: `${HOST_SESSION}=${browser.jar.get(HOST_SESSION)}` } };
        expect((await getToken({ req, secret: SECRET }))?.name).toBe("alice");
    });
    test("[V3.4.4][V3.2.1][RFC 6265bis §8.8] a __Secure- session cookie planted by a sibling subdomain neither overrides the real session nor signs a signed-out browser in (JWT)", async () => {
        const victim = await signedIn(jwtConfig, "alice");
        const attacker = await signedIn(jwtConfig, "mallory");
        const mallorysToken = attacker.jar.get(HOST_SESSION) ?? attacker.jar.get(OLD_SESSION);
        const alicesToken = victim.jar.get(HOST_SESSION) ?? victim.jar.get(OLD_SESSION);
        // A cookie set by evil.example.com for Domain=example.com with a longer Path comes first in the header.
        const planted = `${OLD_SESSION}=${mallorysToken}`;
        expect((await sessionWith(jwtConfig, `${planted}; ${HOST_SESSION}=${alicesToken}`)).user).toBe("alice");
        expect((await sessionWith(jwtConfig, planted)).user).toBeUndefined();
        expect(await getToken({ req: { url: `${HTTPS}/`, headers: { cookie: planted } }, secret: SECRET })).toBeNull();
    });
    test("[V3.4.4][V3.2.1][RFC 6265bis §8.8] a __Secure- session cookie planted by a sibling subdomain does not sign a browser in (database sessions)", async () => {
        const victim = await signedIn(dbConfig, "alice");
        const attacker = await signedIn(dbConfig, "mallory");
        const planted = `${OLD_SESSION}=${attacker.jar.get(HOST_SESSION) ?? attacker.jar.get(OLD_SESSION)}`;
        expect((await sessionWith(dbConfig, `${planted}; ${HOST_SESSION}=${victim.jar.get(HOST_SESSION) ?? victim.jar.get(OLD_SESSION)}`)).user).toBe("alice");
        expect((await sessionWith(dbConfig, planted)).user).toBeUndefined();
    });
    test("[V3.3.1][RFC 6265bis §4.1.3.2] a session cookie under the old __Secure- name keeps its user signed in and moves to __Host- on the same response (JWT, chunked)", async () => {
        // What an earlier version issued: no __Host- claim, chunked because it is large.
        const old = await encode({ token: { sub: "42", name: "Olga", blob: "x".repeat(6000) }, secret: SECRET });
        const half = Math.ceil(old.length / 2);
        const { user, set } = await sessionWith(jwtConfig, `${OLD_SESSION}.0=${old.slice(0, half)}; ${OLD_SESSION}.1=${old.slice(half)}`);
        expect(user).toBe("Olga");
        const written = set.filter((c) => c.name.startsWith(HOST_SESSION) && c.value !== "");
        expect(written.length).toBeGreaterThan(0);
        const moved = readChunkedCookie(new Map(written.map((c) => [c.name, c.value])), HOST_SESSION);
        expect(await decode({ token: moved, secret: SECRET })).toMatchObject({ sub: "42", name: "Olga" });
        const expired = set.filter((c) => c.name.startsWith(OLD_SESSION)).map((c) => [c.name, c.attributes["max-age"]]);
        expect(expired).toEqual([
            [`${OLD_SESSION}.0`, "0"],
            [`${OLD_SESSION}.1`, "0"],
        ]);
        // The moved cookie is the session from now on.
        expect((await sessionWith(jwtConfig, written.map((c) => `${c.name}=${c.value}`).join("; "))).user).toBe("Olga");
    });
    test("[V3.3.1][RFC 6265bis §4.1.3.2] a database session cookie under the old __Secure- name keeps its user signed in and moves to __Host-", async () => {
        const adapter = SqlAdapter(database.db);
        const user = await adapter.createUser({ id: "", name: "Dora", email: "dora@example.com", emailVerified: null, image: null });
        // A session as an earlier version created it: 43-character secret.
        const id = "D".repeat(22);
        const secret = "s".repeat(43);
        const now = new Date();
        await adapter.createSession({ id, secretHash: await sha256(secret), userId: user.id, expires: new Date(now.getTime() + 3_600_000), createdAt: now, lastSeenAt: now, ip: null, userAgent: null, data: {} });
        const { user: name, set } = await sessionWith(dbConfig, `${OLD_SESSION}=${id}.${secret}`);
        expect(name).toBe("Dora");
        expect(set.find((c) => c.name === HOST_SESSION)?.value).toBe(`${id}.${secret}`);
        expect(set.find((c) => c.name === OLD_SESSION)?.attributes["max-age"]).toBe("0");
    });
});
function fastestOfThree(run) {
    let fastest = Infinity;
    for (let i = 0; i < 3; i++) {
        const started = performance.now();
        run();
        fastest = Math.min(fastest, performance.now() - started);
    }
    return fastest;
}
describe("the Cookie header parser and chunk reassembly under adversarial input", () => {
    test("[V5.1.4][V13.1.3][RFC 6265bis §5.6] random and hostile Cookie headers (16 KB, thousands of ';', '=', quotes, '%' escapes, chunk names) parse in bounded time and never throw", () => {
        const piece = fc.oneof(fc.constantFrom(";", "=", '"', "%", "%zz", "%E0%A4%A", " ", "sesame.session-token", "__Host-sesame.session-token.", ".0", ".99999"), fc.string({ maxLength: 40 }), fc.nat(5000).map((i) => `__Host-sesame.session-token.${i}=${"v".repeat(i % 7)}; `));
        const header = fc.array(piece, { maxLength: 4000 }).map((parts) => parts.join("").slice(0, 16 * 1024));
        fc.assert(fc.property(header, (text) => {
            // Linear work on 16 KB takes well under a millisecond; 20 ms leaves room for a loaded machine, not for a
            // quadratic path. The fastest of three runs is measured, so that one GC pause or preemption is not a failure.
            expect(fastestOfThree(() => readChunkedCookie(parseCookies(text), "__Host-sesame.session-token"))).toBeLessThan(20);
        }), { numRuns: 300 });
        // The worst case for chunk reassembly: every chunk name present, in one header of 16 KB.
        const chunks = Array.from({ length: 3000 }, (_, i) => `s.${i}=a`).join(";");
        expect(readChunkedCookie(parseCookies(chunks), "s")).toBe("a".repeat(3000));
        expect(fastestOfThree(() => readChunkedCookie(parseCookies(chunks), "s"))).toBeLessThan(20);
    });
});
