/**
 * What an attacker (or a failing provider) can do to the redirect dance, against the real OpenID Provider.
 * Every case must end without a session and with a clear error code.
 */
import { once } from "node:events";
import { createServer } from "node:http";
import { decodeJwt, SignJWT, UnsecuredJWT, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OAUTH_CHECKS_SALT } from "../../../src/core/config/resolve.js";
import { stampClaims, tokenCodec } from "../../../src/core/token/codec.js";
import { OIDC } from "../../../src/providers/oauth.js";
import { SECRET, config, sessionCookie } from "../../support/helpers.js";
import { OAuthBrowser } from "../../support/oauth-browser.js";
import { APP_ORIGIN, CLIENT_SECRET, startOP } from "../../support/op.js";
let op;
/** A stand-in for a broken token endpoint: slow, or answering garbage. */
let broken;
let brokenUrl;
beforeAll(async () => {
    op = await startOP();
    broken = createServer((req, res) => {
        // Slow on purpose: the subject is Sesame's time-out on a token endpoint that takes longer than it.
        if (req.url === "/slow")
            setTimeout(() => res.end("{}"), 3_000);
        else
            res.writeHead(200, { "content-type": "text/html" }).end("<html>Service Unavailable</html>");
    });
    broken.listen(0, "127.0.0.1");
    await once(broken, "listening");
    brokenUrl = `http://127.0.0.1:${broken.address().port}`;
});
afterAll(async () => {
    broken.closeAllConnections();
    broken.close();
    await op.close();
});
function client(id = "basic", extra = {}) {
    return OIDC({ id, name: id, issuer: op.issuer, clientId: id, clientSecret: CLIENT_SECRET, allowInsecureRequests: true, ...extra });
}
function browserFor(...providers) {
    const errors = [];
    const browser = new OAuthBrowser(config({ providers, logger: { error: (e) => errors.push(e), debug: () => { } } }));
    return { browser, errors };
}
/** The app's answer must be the error page with `code`, and the browser must have no session. */
function expectRefused(browser, response, code) {
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/api/auth/error?error=${code}`);
    expect(sessionCookie(browser)).toBeUndefined();
}
describe("the callback must answer this browser's sign-in", () => {
    test("state missing → InvalidCheck", async () => {
        const { browser } = browserFor(client());
        const { response } = await browser.signInWith("basic", { interceptCallback: (url) => (url.searchParams.delete("state"), url) });
        expectRefused(browser, response, "InvalidCheck");
    });
    test("state mismatched → InvalidCheck", async () => {
        const { browser } = browserFor(client());
        const { response } = await browser.signInWith("basic", { interceptCallback: (url) => (url.searchParams.set("state", "x".repeat(43)), url) });
        expectRefused(browser, response, "InvalidCheck");
    });
    test("no check cookie (a callback forced on a victim: login CSRF) → InvalidCheck", async () => {
        const attacker = browserFor(client()).browser;
        const { callback } = await attacker.signInWith("basic", { login: "attacker", interceptCallback: () => "stop" });
        const { browser: victim } = browserFor(client());
        const response = await victim.visit(callback);
        expectRefused(victim, response, "InvalidCheck");
    });
    test("a replayed callback (same URL, same check cookie) → InvalidCheck", async () => {
        const { browser } = browserFor(client());
        let checks;
        const { response: first, callback } = await browser.signInWith("basic", {
            interceptCallback: (url) => {
                checks = browser.jar.get("sesame.oauth-checks");
                return url;
            },
        });
        expect(first.headers.get("location")).toBe(`${APP_ORIGIN}/`);
        const { browser: replayer } = browserFor(client());
        replayer.jar.set("sesame.oauth-checks", checks);
        const replay = await replayer.visit(callback);
        expectRefused(replayer, replay, "InvalidCheck");
    });
    test("the check cookie of one provider used on another's callback → InvalidCheck", async () => {
        const { browser } = browserFor(client("basic"), client("post", { clientAuth: "client_secret_post" }));
        const { response } = await browser.signInWith("basic", {
            interceptCallback: (url) => new URL(url.href.replace("/callback/basic", "/callback/post")),
        });
        expectRefused(browser, response, "InvalidCheck");
    });
    test("PKCE verifier mismatch → the provider refuses the code: OAuthCallbackError", async () => {
        const { browser, errors } = browserFor(client());
        const { response } = await browser.signInWith("basic", {
            interceptCallback: async (url) => {
                await forgeChecks(browser, { codeVerifier: "w".repeat(43) });
                return url;
            },
        });
        expectRefused(browser, response, "OAuthCallbackError");
        expect(errors.at(-1)?.message).toContain("invalid_grant");
    });
    test("nonce mismatch → InvalidCheck", async () => {
        const { browser } = browserFor(client());
        const { response } = await browser.signInWith("basic", {
            interceptCallback: async (url) => {
                await forgeChecks(browser, { nonce: "n".repeat(43) });
                return url;
            },
        });
        expectRefused(browser, response, "InvalidCheck");
    });
    test("iss naming another provider (mix-up) → OAuthCallbackError", async () => {
        const { browser } = browserFor(client());
        const { response } = await browser.signInWith("basic", { interceptCallback: (url) => (url.searchParams.set("iss", "https://attacker.example"), url) });
        expectRefused(browser, response, "OAuthCallbackError");
    });
    test("error=access_denied from the provider (the user cancelled) → OAuthCallbackError", async () => {
        const { browser, errors } = browserFor(client());
        const { response } = await browser.signInWith("basic", { abort: true });
        expectRefused(browser, response, "OAuthCallbackError");
        expect(errors.at(-1)?.message).toContain("error=access_denied");
    });
    test("an open redirect through callbackUrl is refused across the round trip", async () => {
        const { browser } = browserFor(client());
        const { response } = await browser.signInWith("basic", { callbackUrl: "https://evil.example/phish" });
        expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/`);
    });
});
/**
 * Rewrites the check cookie (as only someone holding the secret can: a test) with one value changed, so
 * that exactly one check fails.
 */
async function forgeChecks(browser, change) {
    const codec = tokenCodec([SECRET], OAUTH_CHECKS_SALT);
    const claims = await codec.decode(browser.jar.get("sesame.oauth-checks"));
    const { iat: _iat, exp: _exp, jti: _jti, ...checks } = claims;
    browser.jar.set("sesame.oauth-checks", await codec.encode(stampClaims({ ...checks, ...change }, 900)));
}
describe("ID tokens an attacker (or a broken provider) could send", () => {
    const forgeries = {
        "alg: none": async (claims) => new UnsecuredJWT(claims).encode(),
        "a wrong issuer": async (claims) => sign({ ...claims, iss: "https://attacker.example" }),
        "a wrong audience": async (claims) => sign({ ...claims, aud: "someone-else" }),
        "an expired token": async (claims) => sign({ ...claims, iat: now() - 7200, exp: now() - 3600 }),
        "a bad signature (another key, same kid)": async (claims) => {
            const { privateKey } = await generateKeyPair("RS256");
            return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: op.kid }).sign(privateKey);
        },
        "an unexpected algorithm (HS256 with the client secret)": async (claims) => new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(CLIENT_SECRET)),
    };
    const now = () => Math.floor(Date.now() / 1000);
    const sign = (claims) => new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: op.kid }).sign(op.signingKey);
    /** A fetch that passes everything to the real provider but replaces the ID token in the token response. */
    const tampering = (forge) => async (input, init) => {
        const response = await fetch(input, init);
        if (!String(input).endsWith("/token"))
            return response;
        const body = (await response.json());
        body.id_token = await forge(decodeJwt(body.id_token));
        return new Response(JSON.stringify(body), { status: response.status, headers: { "content-type": "application/json" } });
    };
    test("the untouched token passes through the same tampering fetch (the harness itself is sound)", async () => {
        const { browser } = browserFor(client("basic", { fetch: tampering(async (claims) => sign(claims)) }));
        const { response } = await browser.signInWith("basic");
        expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/`);
        expect(sessionCookie(browser)).toBeDefined();
    });
    for (const [name, forge] of Object.entries(forgeries)) {
        test(`${name} → OAuthCallbackError, no session`, async () => {
            const { browser } = browserFor(client("basic", { fetch: tampering(forge) }));
            const { response } = await browser.signInWith("basic");
            expectRefused(browser, response, "OAuthCallbackError");
        });
    }
});
describe("a token endpoint that fails", () => {
    test.each([
        ["down", () => "http://127.0.0.1:9/token"],
        ["slow (time-out)", () => `${brokenUrl}/slow`],
        ["answering garbage", () => `${brokenUrl}/garbage`],
    ])("%s → OAuthCallbackError page, no session, no exception", async (_name, url) => {
        const { browser, errors } = browserFor(client("basic", { token: url(), timeoutSeconds: 0.5 }));
        const started = Date.now();
        const { response } = await browser.signInWith("basic");
        expectRefused(browser, response, "OAuthCallbackError");
        expect(Date.now() - started).toBeLessThan(2_500);
        expect(errors.at(-1)?.name).toBe("OAuthCallbackError");
    });
    test("discovery failing when the sign-in starts → OAuthSignInError", async () => {
        const { browser } = browserFor(OIDC({ id: "gone", issuer: "http://127.0.0.1:9", clientId: "x", allowInsecureRequests: true, timeoutSeconds: 0.5 }));
        const start = await browser.postForm("/api/auth/signin/gone", { csrfToken: await browser.csrf() });
        expect(start.headers.get("location")).toBe(`${APP_ORIGIN}/api/auth/error?error=OAuthSignInError`);
    });
    test("starting a sign-in needs the CSRF token", async () => {
        const { browser } = browserFor(client());
        const start = await browser.postForm("/api/auth/signin/basic", {});
        expect(start.headers.get("location")).toBe(`${APP_ORIGIN}/api/auth/error?error=MissingCSRF`);
    });
});
