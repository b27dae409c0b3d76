/**
 * Every preset: its endpoints, scopes and parameters, and its profile mapping. The OpenID Connect presets
 * run their real flow against the test OpenID Provider with only the issuer changed; GitHub and Discord,
 * whose APIs are not OpenID Connect, get the provider for the OAuth part and a local stand-in for their
 * REST APIs.
 */
import { once } from "node:events";
import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import Apple from "../../src/providers/apple.js";
import Auth0 from "../../src/providers/auth0.js";
import Discord, { discordAvatar } from "../../src/providers/discord.js";
import GitHub from "../../src/providers/github.js";
import GitLab from "../../src/providers/gitlab.js";
import Google from "../../src/providers/google.js";
import Keycloak from "../../src/providers/keycloak.js";
import MicrosoftEntraID from "../../src/providers/microsoft-entra-id.js";
import Okta from "../../src/providers/okta.js";
import { config } from "../support/helpers.js";
import { OAuthBrowser } from "../support/oauth-browser.js";
import { CLIENT_SECRET, startOP } from "../support/op.js";
let op;
let api;
let apiUrl;
const seenAuthorization = [];
beforeAll(async () => {
    op = await startOP();
    api = createServer((req, res) => {
        seenAuthorization.push(req.headers.authorization ?? "");
        const json = (body) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
        switch (req.url) {
            case "/api/v3/user":
                return json({ id: 583231, login: "octocat", name: "The Octocat", email: "public@example.com", avatar_url: "https://avatars.example/583231" });
            case "/api/v3/user/emails":
                return json([
                    { email: "old@example.com", primary: false, verified: true },
                    { email: "octocat@example.com", primary: true, verified: true },
                ]);
            case "/users/@me":
                return json({ id: "80351110224678912", username: "nelly", global_name: "Nelly", email: "nelly@example.com", verified: true, avatar: "8342729096ea3675442027381ff50dfe", discriminator: "0" });
            default:
                res.writeHead(404).end();
        }
    });
    api.listen(0, "127.0.0.1");
    await once(api, "listening");
    apiUrl = `http://127.0.0.1:${api.address().port}`;
});
afterAll(async () => {
    api.closeAllConnections();
    api.close();
    await op.close();
});
const here = () => ({ issuer: op.issuer, clientSecret: CLIENT_SECRET, allowInsecureRequests: true });
async function signInWith(provider, login = "pat") {
    const browser = new OAuthBrowser(config({ providers: [{ ...provider, clientId: provider.id }] }));
    const { response } = await browser.signInWith(provider.id, { login });
    expect(response.headers.get("location")).toBe("http://localhost:3000/");
    return (await browser.session());
}
describe("OpenID Connect presets", () => {
    const presets = [
        ["Google", (o) => Google(o), { id: "google", issuer: "https://accounts.google.com" }],
        ["GitLab", (o) => GitLab(o), { id: "gitlab", issuer: "https://gitlab.com" }],
        ["Microsoft Entra ID", (o) => MicrosoftEntraID(o), { id: "microsoft-entra-id" }],
        ["Auth0", (o) => Auth0(o), { id: "auth0" }],
        ["Keycloak", (o) => Keycloak(o), { id: "keycloak" }],
        ["Okta", (o) => Okta(o), { id: "okta" }],
    ];
    test.each(presets)("%s: preset settings, then a real sign-in mapping the profile", async (_name, make, expected) => {
        expect(make({})).toMatchObject({ ...expected, type: "oidc" });
        const session = await signInWith(make(here()));
        expect(session.user).toMatchObject({ id: "pat", name: "User pat", email: "pat@example.com" });
    });
    test("Microsoft Entra ID builds the tenant's issuer and prefers the stable oid", async () => {
        expect(MicrosoftEntraID({ tenantId: "contoso" }).issuer).toBe("https://login.microsoftonline.com/contoso/v2.0");
        const user = await MicrosoftEntraID().profile({ sub: "pairwise", oid: "object-id", tid: "t", name: "Ann", preferred_username: "ann@contoso.com" }, {});
        // Entra ID does not verify the email claim: it is kept but never counts as verified.
        expect(user).toEqual({ id: "object-id", name: "Ann", email: "ann@contoso.com", emailVerified: false, image: null });
    });
    test("Apple: form_post, client_secret_post, the name posted on first sign-in", async () => {
        const apple = Apple();
        expect(apple).toMatchObject({ id: "apple", issuer: "https://appleid.apple.com", responseMode: "form_post", clientAuth: "client_secret_post", authorization: { params: { scope: "name email" } } });
        const session = await signInWith(Apple({ ...here(), authorization: { params: { scope: "openid email" } } }));
        expect(session.user).toMatchObject({ id: "pat", email: "pat@example.com" });
        // The email comes from the ID token only (Apple sends email_verified as a string); the posted `user`
        // field gives the name alone (see test/security/identity.test.ts).
        const first = await apple.profile({ sub: "001", email: "tim@privaterelay.appleid.com", email_verified: "true" }, {});
        expect(first).toEqual({ id: "001", name: null, email: "tim@privaterelay.appleid.com", emailVerified: true, image: null });
        expect(apple.postedName?.read('{"name":{"firstName":"Tim","lastName":"Apple"},"email":"tim@privaterelay.appleid.com"}')).toBe("Tim Apple");
    });
    test("Google's refresh-token configuration from the seeds reaches the authorization request", async () => {
        const google = Google({ ...here(), clientId: "google", authorization: { params: { access_type: "offline", prompt: "consent" } } });
        const browser = new OAuthBrowser(config({ providers: [google] }));
        const start = await browser.postForm("/api/auth/signin/google", { csrfToken: await browser.csrf() });
        const params = new URL(start.headers.get("location")).searchParams;
        expect([params.get("access_type"), params.get("prompt"), params.get("scope")]).toEqual(["offline", "consent", "openid profile email"]);
    });
});
describe("OAuth 2.0 presets", () => {
    test("GitHub: endpoints and scope, then the primary verified email from the emails API", async () => {
        expect(GitHub()).toMatchObject({
            id: "github",
            type: "oauth",
            authorization: { url: "https://github.com/login/oauth/authorize", params: { scope: "read:user user:email" } },
            token: "https://github.com/login/oauth/access_token",
            userinfo: { url: "https://api.github.com/user" },
        });
        expect(GitHub({ enterprise: { baseUrl: "https://git.corp.example/" } })).toMatchObject({
            authorization: { url: "https://git.corp.example/login/oauth/authorize" },
            userinfo: { url: "https://git.corp.example/api/v3/user" },
        });
        // The OAuth part against the test provider; the REST API against the stand-in (as GitHub Enterprise).
        const github = GitHub({
            enterprise: { baseUrl: apiUrl },
            ...here(),
            authorization: { url: `${op.issuer}/auth`, params: { scope: "openid" } },
            token: `${op.issuer}/token`,
        });
        const session = await signInWith(github);
        expect(session.user).toEqual({ id: "583231", name: "The Octocat", email: "octocat@example.com", image: "https://avatars.example/583231" });
        expect(seenAuthorization.at(-1)).toMatch(/^Bearer .+/);
    });
    test("Discord: endpoints and scope, the profile and avatar URL", async () => {
        expect(Discord()).toMatchObject({
            id: "discord",
            type: "oauth",
            authorization: { url: "https://discord.com/api/oauth2/authorize", params: { scope: "identify email" } },
            token: "https://discord.com/api/oauth2/token",
            userinfo: "https://discord.com/api/users/@me",
        });
        const discord = Discord({
            ...here(),
            authorization: { url: `${op.issuer}/auth`, params: { scope: "openid" } },
            token: `${op.issuer}/token`,
            userinfo: `${apiUrl}/users/@me`,
        });
        const session = await signInWith(discord);
        expect(session.user).toEqual({
            id: "80351110224678912",
            name: "Nelly",
            email: "nelly@example.com",
            image: "https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png",
        });
        const base = { id: "80351110224678912", username: "x", global_name: null, email: null, verified: false, avatar: null };
        expect(discordAvatar({ ...base, discriminator: "0" })).toBe(`https://cdn.discordapp.com/embed/avatars/${Number((80351110224678912n >> 22n) % 6n)}.png`);
        expect(discordAvatar({ ...base, discriminator: "1337" })).toBe("https://cdn.discordapp.com/embed/avatars/2.png");
    });
});
