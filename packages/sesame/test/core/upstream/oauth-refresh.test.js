/**
 * Seed 003: refresh-token rotation with an OpenID Provider — here the real oidc-provider, rotating refresh
 * tokens on every use and revoking the grant when a rotated-out token comes back. The app configures the
 * provider and nothing else.
 */
import { afterAll, afterEach, beforeAll, expect, test, vi } from "vitest";
import { getAccessToken, getSession } from "../../../src/index.js";
import { OIDC } from "../../../src/providers/oauth.js";
import { config } from "../../support/helpers.js";
import { OAuthBrowser } from "../../support/oauth-browser.js";
import { CLIENT_SECRET, startOP } from "../../support/op.js";
let op;
beforeAll(async () => {
    op = await startOP();
});
afterAll(() => op.close());
afterEach(() => vi.useRealTimers());
/** An app signing in with the provider's rotating client, which hands out refresh tokens. */
function rotatingApp(fetchImpl) {
    const provider = OIDC({
        id: "rotating",
        issuer: op.issuer,
        clientId: "rotating",
        clientSecret: CLIENT_SECRET,
        allowInsecureRequests: true,
        ...(fetchImpl && { fetch: fetchImpl }),
        // As in the seed's Google configuration: ask for offline access (a refresh token) with consent.
        authorization: { params: { scope: "openid email profile offline_access", prompt: "consent" } },
    });
    return config({ providers: [provider], logger: { warn: () => { } } });
}
test("the access token is refreshed once under a storm of requests, and the rotation never trips reuse detection", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date());
    let refreshCalls = 0;
    const counting = async (input, init) => {
        if (String(input).endsWith("/token") && String(init?.body).includes("grant_type=refresh_token"))
            refreshCalls++;
        return fetch(input, init);
    };
    const appConfig = rotatingApp(counting);
    const browser = new OAuthBrowser(appConfig);
    await browser.signInWith("rotating", { login: "rosa" });
    const first = await getAccessToken(browser.request("/"), appConfig);
    expect(first.accessToken).toBeTruthy();
    for (let round = 1; round <= 3; round++) {
        // Past the 5-minute access token lifetime: 20 requests at once find it expired.
        vi.setSystemTime(Date.now() + 6 * 60_000);
        const results = await Promise.all(Array.from({ length: 20 }, () => getAccessToken(browser.request("/"), appConfig)));
        expect(refreshCalls).toBe(round);
        expect(results.every((r) => r.accessToken && !r.error)).toBe(true);
        // The browser keeps the cookie from the answers, as a real one would.
        browser.store(new Response(null, { headers: results[0].cookies.map((c) => ["set-cookie", c]) }));
    }
    // Three rotations later the grant is alive: no rotated-out token was ever presented.
    expect((await browser.session()).error).toBeUndefined();
    const userinfo = await fetch(`${op.issuer}/me`, { headers: { authorization: `Bearer ${(await getAccessToken(browser.request("/"), appConfig)).accessToken}` } });
    expect(userinfo.status).toBe(200);
});
test("a rotated-out refresh token presented by hand is refused by the provider (the detection the storm avoided is real)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date());
    const appConfig = rotatingApp();
    const browser = new OAuthBrowser(appConfig);
    await browser.signInWith("rotating", { login: "sven" });
    const { token } = await getSession(browser.request("/"), appConfig);
    const oldRefresh = token.upstream.refreshToken;
    vi.setSystemTime(Date.now() + 6 * 60_000);
    expect((await getAccessToken(browser.request("/"), appConfig)).accessToken).toBeTruthy();
    const reuse = await fetch(`${op.issuer}/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${btoa(`rotating:${CLIENT_SECRET}`)}` },
        body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: oldRefresh }),
    });
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: "invalid_grant" });
});
