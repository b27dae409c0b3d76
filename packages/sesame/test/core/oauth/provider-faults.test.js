/**
 * The OpenID Provider slow (5 s before every answer) or down, with the provider's `timeout` at 1 s: the
 * sign-in start (discovery) and the callback (token exchange) answer within the time-out with the typed
 * error page — `OAuthSignInError`, `OAuthCallbackError` (docs/errors.md) — no request is stuck, nothing
 * leaks, and the provider works again once it is back. The provider is the example app's own: the real
 * oidc-provider, with its `setDelay` in front of every answer.
 */
import { createServer } from "node:net";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OIDC_CLIENT_ID, startOpenIdProvider } from "../../../../../apps/example/services/openid-provider.js";
import { OIDC } from "../../../src/providers/oauth.js";
import { SECRET, sessionCookie } from "../../support/helpers.js";
import { OAuthBrowser } from "../../support/oauth-browser.js";
import { APP_ORIGIN } from "../../support/op.js";
import { timed } from "../../support/harness.js";
const TIMEOUT = 1_000;
/** Scheduling slack on a busy two-core machine. */
const MARGIN = 1_000;
const SLOW = 5_000;
const CONCURRENT = 6;
const ERROR_PAGE = `${APP_ORIGIN}/api/auth/error?error=`;
let op;
beforeAll(async () => {
    op = await startOpenIdProvider({ appUrl: APP_ORIGIN });
});
afterAll(() => op.close());
function app(issuer, clientSecret, errors = []) {
    return {
        secret: SECRET,
        trustHost: true,
        providers: [OIDC({ id: "oidc", name: "OP", issuer, clientId: OIDC_CLIENT_ID, clientSecret, allowInsecureRequests: true, timeoutSeconds: TIMEOUT / 1000 })],
        logger: { error: (error) => errors.push(error) },
    };
}
/** Runs sign-ins up to the provider's redirect back to the app, and keeps that callback for later. */
async function pendingCallbacks(config, count) {
    return Promise.all(Array.from({ length: count }, async () => {
        const browser = new OAuthBrowser(config);
        const { callback } = await browser.signInWith("oidc", { login: "carol", interceptCallback: () => "stop" });
        expect(callback?.searchParams.get("code")).toBeTruthy();
        return { browser, callback: callback };
    }));
}
async function expectErrorPage(response, code) {
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${ERROR_PAGE}${code}`);
    expect(await response.text()).not.toMatch(/at .*\.(ts|js):\d+/);
}
/** A port on loopback where nothing listens: connections are refused. */
async function refusingPort() {
    const probe = createServer().listen(0, "127.0.0.1");
    await once(probe, "listening");
    const { port } = probe.address();
    await new Promise((resolve) => probe.close(resolve));
    return port;
}
describe("the provider is slow (5 s per answer)", () => {
    test(`callback: the token exchange times out → OAuthCallbackError page within ${TIMEOUT} ms + margin, for ${CONCURRENT} browsers at once`, async () => {
        const errors = [];
        const config = app(op.issuer, op.clientSecret, errors);
        const pending = await pendingCallbacks(config, CONCURRENT);
        op.setDelay(SLOW);
        try {
            const results = await Promise.all(pending.map(({ browser, callback }) => timed(() => browser.visit(callback))));
            for (const { value, ms } of results) {
                await expectErrorPage(value, "OAuthCallbackError");
                expect(ms).toBeGreaterThan(TIMEOUT * 0.9); // it waited for the provider, up to the time-out
                expect(ms).toBeLessThan(TIMEOUT + MARGIN);
            }
            expect(pending.every(({ browser }) => sessionCookie(browser) === undefined)).toBe(true);
            expect(errors.map((e) => e.type)).toEqual(Array(CONCURRENT).fill("OAuthCallbackError"));
            expect(errors[0].message).toContain("did not answer in time");
        }
        finally {
            op.setDelay(0);
        }
        // The provider is fast again: the same app signs in normally.
        const { response } = await new OAuthBrowser(config).signInWith("oidc", { login: "dave", callbackUrl: "/dashboard" });
        expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/dashboard`);
    });
    test("sign-in start: discovery times out → OAuthSignInError (502 for programs, the error page for browsers), then works once the provider is fast", async () => {
        const errors = [];
        const config = app(op.issuer, op.clientSecret, errors);
        op.setDelay(SLOW);
        let results;
        try {
            results = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => timed(async () => {
                const browser = new OAuthBrowser(config);
                const csrfToken = await browser.csrf();
                // Half as a form post (a browser), half asking for JSON (signIn() from the client).
                return i % 2
                    ? browser.postForm("/api/auth/signin/oidc", { csrfToken })
                    : browser.postForm("/api/auth/signin/oidc", { csrfToken }, { "x-auth-return-redirect": "1" });
            })));
        }
        finally {
            op.setDelay(0);
        }
        for (const [i, { value, ms }] of results.entries()) {
            if (i % 2)
                await expectErrorPage(value, "OAuthSignInError");
            else {
                expect(value.status).toBe(502);
                expect(await value.json()).toMatchObject({ error: "OAuthSignInError", url: `${ERROR_PAGE}OAuthSignInError` });
            }
            expect(ms).toBeLessThan(TIMEOUT + MARGIN);
        }
        expect(errors.length).toBeGreaterThan(0);
        expect(errors.every((e) => e.type === "OAuthSignInError")).toBe(true);
        // A failed discovery is not cached.
        const { response } = await new OAuthBrowser(config).signInWith("oidc", { login: "carol" });
        expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/`);
    });
});
describe("the provider is down (its port refuses connections)", () => {
    test("callback: OAuthCallbackError page at once; sign-in start: OAuthSignInError at once", async () => {
        const doomed = await startOpenIdProvider({ appUrl: APP_ORIGIN });
        const errors = [];
        const config = app(doomed.issuer, doomed.clientSecret, errors);
        const pending = await pendingCallbacks(config, CONCURRENT);
        await doomed.close();
        const callbacks = await Promise.all(pending.map(({ browser, callback }) => timed(() => browser.visit(callback))));
        for (const { value, ms } of callbacks) {
            await expectErrorPage(value, "OAuthCallbackError");
            expect(ms).toBeLessThan(TIMEOUT);
        }
        expect(errors.map((e) => e.type)).toEqual(Array(CONCURRENT).fill("OAuthCallbackError"));
        // A new app (nothing discovered yet) whose provider is down.
        const fresh = app(doomed.issuer, doomed.clientSecret);
        const starts = await Promise.all(Array.from({ length: CONCURRENT }, () => timed(async () => {
            const browser = new OAuthBrowser(fresh);
            return browser.postForm("/api/auth/signin/oidc", { csrfToken: await browser.csrf() });
        })));
        for (const { value, ms } of starts) {
            await expectErrorPage(value, "OAuthSignInError");
            expect(ms).toBeLessThan(TIMEOUT);
        }
    });
    test("a provider that never existed at that address: OAuthSignInError at once", async () => {
        const port = await refusingPort();
        const browser = new OAuthBrowser(app(`http://127.0.0.1:${port}`, "secret"));
        const { value, ms } = await timed(async () => browser.postForm("/api/auth/signin/oidc", { csrfToken: await browser.csrf() }));
        await expectErrorPage(value, "OAuthSignInError");
        expect(ms).toBeLessThan(TIMEOUT);
    });
});
