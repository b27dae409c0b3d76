/** The provider's signing keys: fetched once and cached, fetched again when an ID token names a new key. */
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, expect, test, vi } from "vitest";
import { OIDC } from "../../../src/providers/oauth.js";
import { config, sessionCookie } from "../../support/helpers.js";
import { OAuthBrowser } from "../../support/oauth-browser.js";
import { APP_ORIGIN, CLIENT_SECRET, startOP } from "../../support/op.js";
let op;
beforeAll(async () => {
    op = await startOP();
});
afterAll(() => op.close());
afterEach(() => vi.useRealTimers());
test("the JWKS is cached across sign-ins and refetched when the provider rotates to a key it has not seen", async () => {
    // The provider "rotates": from some point on it signs with a new key and publishes it in its JWKS.
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const rotatedJwk = { ...(await exportJWK(publicKey)), kid: "rotated", alg: "RS256", use: "sig" };
    let rotated = false;
    let jwksFetches = 0;
    const provider = async (input, init) => {
        const url = String(input);
        const response = await fetch(input, init);
        if (url.endsWith("/jwks")) {
            jwksFetches++;
            if (!rotated)
                return response;
            const jwks = (await response.json());
            return Response.json({ keys: [...jwks.keys, rotatedJwk] });
        }
        if (!rotated || !url.endsWith("/token"))
            return response;
        const body = (await response.json());
        body.id_token = await new SignJWT(decodeJwt(body.id_token)).setProtectedHeader({ alg: "RS256", kid: "rotated" }).sign(privateKey);
        return Response.json(body);
    };
    const appConfig = config({
        providers: [OIDC({ id: "basic", issuer: op.issuer, clientId: "basic", clientSecret: CLIENT_SECRET, allowInsecureRequests: true, fetch: provider })],
        logger: { error: () => { } },
    });
    const signIn = async () => {
        const browser = new OAuthBrowser(appConfig);
        const { response } = await browser.signInWith("basic");
        return { location: response.headers.get("location"), signedIn: sessionCookie(browser) !== undefined };
    };
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now());
    expect(await signIn()).toEqual({ location: `${APP_ORIGIN}/`, signedIn: true });
    expect(await signIn()).toEqual({ location: `${APP_ORIGIN}/`, signedIn: true });
    expect(jwksFetches).toBe(1);
    rotated = true;
    // A token naming an unknown key right after a fetch is refused: refetching on every unknown kid would let
    // anyone make us hammer the provider.
    expect(await signIn()).toEqual({ location: `${APP_ORIGIN}/api/auth/error?error=OAuthCallbackError`, signedIn: false });
    vi.setSystemTime(Date.now() + 61_000);
    expect(await signIn()).toEqual({ location: `${APP_ORIGIN}/`, signedIn: true });
    expect(jwksFetches).toBe(2);
});
