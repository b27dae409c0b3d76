/**
 * Preset options that next-auth 4 / Auth.js users pass, beyond what the fixture table signs in with
 * (fixtures.ts's VARIANTS run the flows end to end): what is refused at configuration and with which words,
 * and the discovery rule behind Azure AD B2C's `tenantId` + `primaryUserFlow`.
 */
import { describe, expect, test } from "vitest";
import { InvalidConfiguration } from "../../src/index.js";
import { withEnvironmentCredentials } from "../../src/core/config/env.js";
import { providerServer } from "../../src/core/oauth/authorization-server.js";
import AzureADB2C from "../../src/providers/azure-ad-b2c.js";
import AzureAD from "../../src/providers/azure-ad.js";
import GitHub from "../../src/providers/github.js";
import MicrosoftEntraID from "../../src/providers/microsoft-entra-id.js";
import Spotify from "../../src/providers/spotify.js";
import Twitter, { TWITTER_OAUTH1_REFUSED } from "../../src/providers/twitter.js";

describe("Twitter", () => {
  test("OAuth 1.0a (next-auth 4's version 1.0A) is refused at configuration, saying what to do instead", () => {
    expect(() => Twitter({ version: "1.0A" })).toThrow(new InvalidConfiguration(TWITTER_OAUTH1_REFUSED));
    expect(TWITTER_OAUTH1_REFUSED).toMatch(/OAuth 2\.0 Client ID and Client Secret/);
    expect(TWITTER_OAUTH1_REFUSED).toMatch(/callback URL stays \/api\/auth\/callback\/twitter/);
    expect(() => Twitter({ version: "1.1" as "2.0" })).toThrow(InvalidConfiguration);
  });

  test('version: "2.0" is the preset as it is', () => {
    const { fetch: _a, ...plain } = Twitter();
    const { fetch: _b, ...two } = Twitter({ version: "2.0" });
    expect(two).toEqual(plain);
    expect(two).not.toHaveProperty("version");
  });
});

describe("Microsoft Entra ID and Azure AD: profilePhotoSize", () => {
  test("only the sizes Microsoft Graph serves", () => {
    expect(() => MicrosoftEntraID({ profilePhotoSize: 50 as 48 })).toThrow(
      new InvalidConfiguration('Provider "microsoft-entra-id": profilePhotoSize must be one of 48, 64, 96, 120, 240, 360, 432, 504, 648 (the sizes Microsoft Graph serves), not 50.'),
    );
    expect(() => AzureAD({ profilePhotoSize: 1000 as 48 })).toThrow(InvalidConfiguration);
  });

  test("asks for User.Read only when the photo is wanted; without it, no request to Graph", async () => {
    expect(MicrosoftEntraID({ tenantId: "contoso" }).authorization).toBeUndefined();
    expect(MicrosoftEntraID({ tenantId: "contoso", profilePhotoSize: 64 }).authorization).toEqual({ params: { scope: "openid profile email User.Read" } });
    let requests = 0;
    const counting: typeof fetch = () => {
      requests += 1;
      return Promise.resolve(new Response(null, { status: 500 }));
    };
    const claims = { sub: "s", oid: "o", tid: "t", name: "Ann", preferred_username: "ann@contoso.com" };
    await MicrosoftEntraID({ fetch: counting }).profile!(claims, { access_token: "at", token_type: "Bearer" });
    expect(requests).toBe(0);
  });

  test("a photo request that throws leaves the image null", async () => {
    const failing: typeof fetch = () => Promise.reject(new TypeError("fetch failed"));
    const user = await AzureAD({ profilePhotoSize: 48, fetch: failing }).profile!({ sub: "s", oid: "o", tid: "t", name: "Ann", preferred_username: "ann@contoso.com" }, { access_token: "at", token_type: "Bearer" });
    expect(user).toEqual({ id: "o", name: "Ann", email: "ann@contoso.com", emailVerified: false, image: null });
  });
});

describe("Azure AD B2C: tenantId + primaryUserFlow", () => {
  const DOCUMENT = "https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signin/v2.0/.well-known/openid-configuration";

  test("name the user flow's discovery document; an issuer, when given, wins", () => {
    expect(AzureADB2C({ tenantId: "contoso", primaryUserFlow: "B2C_1_signin" })).toMatchObject({ wellKnown: DOCUMENT, type: "oidc" });
    expect(AzureADB2C({ tenantId: "contoso", primaryUserFlow: "B2C_1_signin" })).not.toHaveProperty("issuer");
    const issuer = "https://contoso.b2clogin.com/tfp/tenant-id/B2C_1_signin/v2.0/";
    expect(AzureADB2C({ tenantId: "contoso", primaryUserFlow: "B2C_1_signin", issuer })).toMatchObject({ issuer });
    expect(AzureADB2C({ tenantId: "contoso", primaryUserFlow: "B2C_1_signin", issuer })).not.toHaveProperty("wellKnown");
  });

  test("one without the other is a configuration error", () => {
    expect(() => AzureADB2C({ tenantId: "contoso" })).toThrow(InvalidConfiguration);
    expect(() => AzureADB2C({ primaryUserFlow: "B2C_1_signin" })).toThrow(InvalidConfiguration);
  });

  test("a provider with `wellKnown` needs no issuer at configuration", () => {
    const provider = withEnvironmentCredentials(AzureADB2C({ tenantId: "contoso", primaryUserFlow: "B2C_1_signin", clientId: "c" }), {});
    expect(provider.wellKnown).toBe(DOCUMENT);
    expect(() => withEnvironmentCredentials(AzureADB2C({ clientId: "c" }), {})).toThrow(InvalidConfiguration);
  });

  const serving =
    (issuer: string): typeof fetch =>
    () =>
      Promise.resolve(Response.json({ issuer, authorization_endpoint: `${issuer}authorize`, token_endpoint: `${issuer}token`, jwks_uri: `${issuer}keys` }));

  test("the issuer is the one the document names, on the document's origin", async () => {
    const issuer = "https://contoso.b2clogin.com/4a7c2f1e-0000-4000-8000-000000000b2c/v2.0/";
    const server = await providerServer(AzureADB2C({ tenantId: "contoso", primaryUserFlow: "B2C_1_signin", clientId: "c", fetch: serving(issuer) }));
    expect(server.as.issuer).toBe(issuer);
    expect(server.authorizationEndpoint).toBe(`${issuer}authorize`);
  });

  test("a document naming an issuer on another origin is refused", async () => {
    const provider = AzureADB2C({ tenantId: "contoso", primaryUserFlow: "B2C_1_signin", clientId: "c", fetch: serving("https://login.example.net/tenant/v2.0/") });
    await expect(providerServer(provider)).rejects.toThrow(`The discovery document ${DOCUMENT} names an issuer on another origin (https://login.example.net).`);
  });

  test("a document on plain http is refused unless insecure requests are allowed", async () => {
    const provider = { ...AzureADB2C({ clientId: "c" }), wellKnown: "http://contoso.test/.well-known/openid-configuration" };
    await expect(providerServer(provider)).rejects.toThrow(InvalidConfiguration);
  });
});

describe("every preset", () => {
  test("`authorization: { params }` adds to the preset's endpoint and parameters instead of replacing them", () => {
    expect(Spotify({ authorization: { params: { scope: "user-read-email playlist-read-private", show_dialog: "true" } } }).authorization).toEqual({
      url: "https://accounts.spotify.com/authorize",
      params: { scope: "user-read-email playlist-read-private", show_dialog: "true" },
    });
    expect(Spotify({ authorization: { url: "https://proxy.example/authorize" } }).authorization).toMatchObject({ url: "https://proxy.example/authorize" });
    // The hand-written presets too.
    expect(GitHub({ authorization: { params: { allow_signup: "false" } } }).authorization).toEqual({
      url: "https://github.com/login/oauth/authorize",
      params: { scope: "read:user user:email", allow_signup: "false" },
    });
    expect(MicrosoftEntraID({ profilePhotoSize: 48, authorization: { params: { prompt: "select_account" } } }).authorization).toEqual({
      params: { scope: "openid profile email User.Read", prompt: "select_account" },
    });
  });
});
