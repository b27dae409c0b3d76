/**
 * Every provider preset, end to end, from one table of fixtures (issue 31). Each row signs in through
 * `Auth()` with the preset as an app would configure it (only the client credentials and, for a tenant's
 * server, the issuer given). The provider's servers are played by one local HTTP server for all rows, which
 * the preset's `fetch` reaches for every provider URL: it answers at the preset's real URLs the way that
 * provider documents — OpenID Connect discovery, JWKS and signed ID tokens for the OIDC ones; the token
 * endpoint and the user API for the OAuth 2.0 ones. A row checks the authorization URL (endpoint, scope,
 * PKCE, nonce, response mode, extra parameters), the token request as it arrived (how the client
 * authenticated, the PKCE verifier against the challenge, the provider's own parameter names) and the user
 * the sign-in produced, email verified flag included. The OIDC presets then sign in against oidc-provider.
 *
 * Beside the table: every provider id that next-auth 4.24 and @auth/core 0.41 ship has a preset (or is
 * listed in fixtures.ts as deprecated, not an OAuth provider, or pending), and every preset has a row.
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { OAuthProvider } from "../../src/providers/oauth.js";
import type { Preset } from "../../src/providers/preset.js";
import type { SignInUser } from "../../src/core/types.js";
import { InvalidConfiguration } from "../../src/index.js";
import { ROOT } from "../compat/migration-surface.js";
import { config } from "../support/helpers.js";
import { OAuthBrowser } from "../support/oauth-browser.js";
import { APP_ORIGIN, CLIENT_SECRET, startOP } from "../support/op.js";
import { FIXTURES, NOT_OAUTH, PENDING, DEPRECATED, VARIANTS, type Fixture } from "./fixtures.js";

const PROVIDERS = join(ROOT, "packages/sesame/src/providers");
/** Modules in providers/ that are not presets. */
const NOT_PRESETS = new Set(["oauth", "oidc", "types", "preset", "credentials", "email.node", "password.node", "passkey"]);
const presetIds = readdirSync(PROVIDERS)
  .filter((file) => file.endsWith(".ts"))
  .map((file) => file.slice(0, -".ts".length))
  .filter((id) => !NOT_PRESETS.has(id))
  .sort();

function referenceIds(dir: string): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".js"))
    .map((file) => file.slice(0, -".js".length));
}

describe("the presets", () => {
  test("every provider id next-auth 4.24 and @auth/core 0.41 ship has a preset, unless deprecated, not OAuth, or pending", () => {
    const shipped = new Set([...referenceIds(join(ROOT, "node_modules/next-auth/providers")), ...referenceIds(join(ROOT, "bench/node_modules/@auth/core/providers"))]);
    const missing = [...shipped].filter((id) => !presetIds.includes(id) && !(id in DEPRECATED) && !(id in NOT_OAUTH) && !(id in PENDING)).sort();
    expect(missing).toEqual([]);
    // The lists stay honest: nothing pending that has a preset, nothing listed that is not shipped.
    expect(Object.keys(PENDING).filter((id) => presetIds.includes(id))).toEqual([]);
    expect([...Object.keys(DEPRECATED), ...Object.keys(NOT_OAUTH), ...Object.keys(PENDING)].filter((id) => !shipped.has(id))).toEqual([]);
  });

  test("a self-hosted provider's preset without its server (issuer) is a configuration error naming the variable", async () => {
    const { default: Mastodon } = await import("../../src/providers/mastodon.js");
    expect(() => Mastodon()).toThrow(new InvalidConfiguration('Provider "mastodon" needs the server it runs on: pass `issuer` or set AUTH_MASTODON_ISSUER.'));
  });

  test("every preset has a fixture row, and every row a preset", () => {
    expect(presetIds.filter((id) => !(id in FIXTURES))).toEqual([]);
    expect(Object.keys(FIXTURES).filter((id) => !presetIds.includes(id))).toEqual([]);
  });
});

// ---- The stand-in for every provider's servers ----

let key: CryptoKey;
let jwk: JWK;
/** What the current row's authorization request carried, for the token endpoint to check and sign with. */
let pending: { clientId: string; nonce?: string | null; challenge?: string | null } = { clientId: "" };
let row: Fixture & { issuer?: string; wellKnown?: string } = {} as Fixture;
let tokenRequests: Array<{ url: string; method: string; auth: Fixture["auth"]; params: Record<string, string> }> = [];
let apiRequests: Array<{ url: string; headers: Headers }> = [];

beforeAll(async () => {
  const pair = await generateKeyPair("RS256", { extractable: true });
  key = pair.privateKey;
  jwk = { ...(await exportJWK(pair.publicKey)), kid: "fixture", alg: "RS256", use: "sig" };
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function bodyOf(init: RequestInit): Record<string, string> {
  const body = init.body;
  if (body instanceof URLSearchParams) return Object.fromEntries(body);
  if (typeof body === "string") {
    try {
      return JSON.parse(body) as Record<string, string>;
    } catch {
      return Object.fromEntries(new URLSearchParams(body));
    }
  }
  return {};
}

async function tokenAnswer(url: URL, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  const params = { ...Object.fromEntries(url.searchParams), ...bodyOf(init) };
  const basic = headers.get("authorization")?.startsWith("Basic ") === true;
  const method = init.method ?? "GET";
  const secret = params.client_secret ?? params.secret;
  const auth = basic ? "basic" : secret ? (method === "GET" ? "query" : "post") : "none";
  tokenRequests.push({ url: url.origin + url.pathname, method, auth, params });
  const tokens: Record<string, unknown> = { access_token: `at-${row.id}`, token_type: "Bearer", expires_in: 3600, ...row.token };
  if (row.idToken) {
    const hs256 = row.idTokenAlg === "HS256";
    tokens.id_token = await new SignJWT({ ...row.idToken, ...(pending.nonce && { nonce: pending.nonce }) })
      .setProtectedHeader(hs256 ? { alg: "HS256" } : { alg: "RS256", kid: "fixture" })
      .setIssuer(row.issuer ?? row.idTokenIssuer!)
      .setAudience(pending.clientId)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(hs256 ? new TextEncoder().encode("fixture-secret") : key);
  }
  return json(tokens);
}

/** Every request a preset makes, answered as its provider would (`url`: the provider's own URL). */
async function answer(url: URL, init: RequestInit): Promise<Response> {
  const issuer = row.issuer;
  if (issuer && (url.href === `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration` || url.href === row.wellKnown)) {
    const base = issuer.replace(/\/$/, "");
    return json({
      issuer,
      authorization_endpoint: `${base}/authorize`,
      token_endpoint: `${base}/token`,
      userinfo_endpoint: `${base}/userinfo`,
      jwks_uri: `${base}/jwks`,
      response_types_supported: ["code"],
      id_token_signing_alg_values_supported: ["RS256"],
    });
  }
  if (issuer && url.href === `${issuer.replace(/\/$/, "")}/jwks`) return json({ keys: [jwk] });
  if (url.origin + url.pathname === row.tokenUrl) return tokenAnswer(url, init);
  if (issuer && url.href === `${issuer.replace(/\/$/, "")}/userinfo`) return json(row.idToken);
  apiRequests.push({ url: url.href, headers: new Headers(init.headers) });
  const body = row.api?.[url.href];
  if (body instanceof Response) return body.clone();
  return body === undefined ? json({ error: "not_found" }, 404) : json(body);
}

/**
 * The one local HTTP server behind every row: a request for `https://<host>/<path>` arrives as
 * `http://127.0.0.1:<port>/<host>/<path>`, so what the preset sent is read off the wire (method, headers,
 * the body as serialised) before it is answered at the provider's own URL.
 */
let server: Server;
let serverUrl: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const body = Buffer.concat(chunks).toString("utf8");
      void answer(new URL(`https:/${req.url ?? "/"}`), { method: req.method ?? "GET", headers, ...(body && { body }) }).then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers)).end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** The presets' `fetch`: every request to a provider goes to the local server instead. */
const standIn: typeof fetch = (input, init) => {
  const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  return fetch(`${serverUrl}/${url.host}${url.pathname}${url.search}`, init);
};

// ---- The table, run ----

function providerOf(fixture: Fixture, make: Preset | ((options?: Partial<OAuthProvider>) => OAuthProvider)): OAuthProvider {
  return make({ clientId: `client-${fixture.id}`, clientSecret: "fixture-secret", fetch: standIn, ...fixture.options });
}

/** An app with only `provider`, and the user its sign-in produced (as the `signIn` callback sees it). */
function appWith(provider: OAuthProvider): { browser: OAuthBrowser; signedIn: () => SignInUser | undefined } {
  let user: SignInUser | undefined;
  const signIn = ({ user: signingIn }: { user: unknown }) => {
    user = signingIn as SignInUser;
    return true;
  };
  return { browser: new OAuthBrowser(config({ providers: [provider], callbacks: { signIn } })), signedIn: () => user };
}

const rows = Object.entries(FIXTURES).map(([id, fixture]) => ({ ...fixture, id }));
/** The table's rows, then the variants (a preset with one of its options), each named for the test. */
const allRows = [...rows, ...VARIANTS].map((fixture) => ({ ...fixture, name: fixture.variant ? `${fixture.id} (${fixture.variant})` : fixture.id }));

describe("each preset signs in against its provider's documented endpoints", () => {
  test.each(allRows)("$name", async (fixture) => {
    const module = (await import(join(PROVIDERS, `${fixture.id}.js`))) as { default: Preset };
    const provider = providerOf(fixture, module.default);
    const tokenUrl = typeof provider.token === "string" ? provider.token : provider.token?.url;
    // A provider discovered from `wellKnown` takes the issuer its document names (the ID token's, here).
    const issuer = provider.issuer ?? (provider.wellKnown ? fixture.idTokenIssuer : undefined);
    row = {
      ...fixture,
      ...(provider.type === "oidc" && { issuer, wellKnown: provider.wellKnown }),
      tokenUrl: fixture.tokenUrl ?? tokenUrl ?? `${issuer?.replace(/\/$/, "")}/token`,
    };
    tokenRequests = [];
    apiRequests = [];
    const { browser, signedIn } = appWith(provider);

    // The authorization request.
    const start = await browser.postForm(`/api/auth/signin/${fixture.id}`, { csrfToken: await browser.csrf() });
    const authorization = new URL(start.headers.get("location") ?? "");
    const params = authorization.searchParams;
    const expectedEndpoint = fixture.authorize ?? `${issuer?.replace(/\/$/, "")}/authorize`;
    expect(authorization.origin + authorization.pathname + authorization.hash).toBe(expectedEndpoint);
    expect(params.get("scope")).toBe(fixture.scope ?? (provider.type === "oidc" ? "openid profile email" : null));
    expect(params.get(fixture.clientIdParameter ?? "client_id")).toBe(`client-${fixture.id}`);
    expect(params.get("redirect_uri")).toBe(`${APP_ORIGIN}/api/auth/callback/${fixture.id}`);
    expect(params.get("code_challenge_method")).toBe(fixture.pkce ? "S256" : null);
    expect(params.has("nonce")).toBe(provider.type === "oidc" && fixture.nonce !== false);
    for (const [name, value] of Object.entries(fixture.params ?? {})) expect(params.get(name), name).toBe(value);
    pending = { clientId: `client-${fixture.id}`, nonce: params.get("nonce"), challenge: params.get("code_challenge") };

    // The provider sends the browser back with a code.
    const callback = new URL(`${APP_ORIGIN}/api/auth/callback/${fixture.id}`);
    const answer = new URLSearchParams({ code: `code-${fixture.id}`, state: params.get("state")! });
    let response: Response;
    if (params.get("response_mode") === "form_post") {
      ({ response } = await browser.follow(await browser.crossSitePost(callback, answer)));
    } else {
      callback.search = answer.toString();
      response = await browser.visit(callback);
    }
    expect(response.headers.get("location"), JSON.stringify(await response.clone().text())).toBe(`${APP_ORIGIN}/`);

    // The token request.
    expect(tokenRequests).toHaveLength(1);
    const [token] = tokenRequests;
    expect(token!.auth).toBe(fixture.auth);
    const verifier = token!.params.code_verifier;
    if (fixture.pkce) expect(createHash("sha256").update(verifier ?? "").digest("base64url")).toBe(pending.challenge);
    else expect(verifier).toBeUndefined();
    if (fixture.tokenMethod) expect(token!.method).toBe(fixture.tokenMethod);
    expect(token!.params).toMatchObject({ ...fixture.tokenParams, ...(fixture.tokenMethod !== "GET" && { code: `code-${fixture.id}` }) });

    // The user.
    expect(signedIn()).toEqual(fixture.user);
    expect(apiRequests.map(({ url }) => url).filter((url) => !(url in (fixture.api ?? {})))).toEqual([]);
    for (const [name, value] of Object.entries(fixture.apiHeaders ?? {})) expect(apiRequests.map(({ headers }) => headers.get(name)), name).toContain(value);
  });
});

/**
 * The OpenID Connect presets once more, against a real OpenID Provider (panva's oidc-provider, certified)
 * registered with each preset's client authentication: discovery, the code flow with PKCE and nonce, the
 * ID token's signature and claims, userinfo. The provider vouches for the email (`email_verified: true`),
 * so the user's email counts as verified exactly where the preset says its provider guarantees it. (Presets
 * whose provider refuses PKCE or sends no nonce run in the table above only, as oidc-provider requires
 * PKCE; Apple runs here with the scope oidc-provider knows, its posted name in presets.test.ts.)
 */
describe("each OpenID Connect preset signs in against oidc-provider", async () => {
  const oidcRows: Array<{ id: string; make: Preset; fixture: Fixture }> = [];
  for (const fixture of rows) {
    const { default: make } = (await import(join(PROVIDERS, `${fixture.id}.js`))) as { default: Preset };
    if (providerOf(fixture, make).type === "oidc" && fixture.pkce && fixture.nonce !== false) oidcRows.push({ id: fixture.id, make, fixture });
  }
  let op: Awaited<ReturnType<typeof startOP>>;
  beforeAll(async () => {
    op = await startOP({
      clients: oidcRows.map(({ id, fixture }) => ({ client_id: id, token_endpoint_auth_method: fixture.auth === "post" ? "client_secret_post" : "client_secret_basic" })),
    });
  });
  afterAll(() => op.close());

  test.each(oidcRows)("$id", async ({ id, make, fixture }) => {
    const options = id === "apple" ? { authorization: { params: { scope: "openid email" } } } : {};
    const provider = make({ ...fixture.options, ...options, clientId: id, clientSecret: CLIENT_SECRET, issuer: op.issuer, allowInsecureRequests: true });
    const { browser, signedIn } = appWith(provider);
    const { response } = await browser.signInWith(id, { login: "pat" });
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/`);
    const { info } = make as Preset;
    const scope = typeof provider.authorization === "object" ? provider.authorization.params?.scope : undefined;
    const email = info.returns.includes("email") && (scope ?? "openid profile email").split(" ").includes("email") ? "pat@example.com" : null;
    expect(signedIn()).toMatchObject({ id: "pat", email, emailVerified: email !== null && info.emailVerified.startsWith("when") });
  });
});
