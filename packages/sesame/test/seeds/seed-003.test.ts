/**
 * Seed 003 ("NextAuth.js 中实现刷新令牌轮换的完整指南"): an Auth.js v5 app with the article's Google provider
 * (offline access), its jwt callback that keeps Google's tokens and refreshes them at
 * https://oauth2.googleapis.com/token, and its session callback that passes `error` on. Built and served
 * twice: with the real next-auth 5.0.0-beta.32 (the reference) and with only the import specifiers changed to
 * Sesame's. There is no internet here: a real OpenID Provider (oidc-provider) plays Google — issuer
 * https://accounts.google.com, refresh tokens for offline access, access tokens that live 3 seconds — and
 * the app server reaches it through google-fetch.mjs, the browser side through `toOP` below.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { NextServer } from "../next/next-server.js";
import { HttpClient, LIBRARIES, startSeedApp, textOf, type Library } from "./harness.js";

const SECRET = "seed-003-secret-0123456789-abcdefghijklmnop";
const CLIENT_SECRET = "google-client-secret-0123456789-abcdefgh";
const ACCESS_TOKEN_TTL = 3;
const preload = fileURLToPath(new URL("./google-fetch.mjs", import.meta.url));

/** The OP's HTTP server; each library's app gets its own Provider (its own redirect URI). */
let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
const opServer = createServer((req, res) => handle(req, res));
let opBase: string;

beforeAll(async () => {
  opServer.listen(0, "127.0.0.1");
  await once(opServer, "listening");
  opBase = `http://127.0.0.1:${(opServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  opServer.closeAllConnections();
  await new Promise((resolve) => opServer.close(resolve));
});

/**
 * What the OP saw: the grants it answered at its token endpoint (`<grant type> via <Google host the app
 * asked>`), and the refresh tokens it issued.
 */
interface OPLog {
  grants: string[];
  refreshTokens: { destroy(): Promise<void> }[];
}

function googleOP(appBase: string): { provider: Provider; log: OPLog } {
  const provider = new Provider("https://accounts.google.com", {
    clients: [
      { client_id: "google", client_secret: CLIENT_SECRET, redirect_uris: [`${appBase}/api/auth/callback/google`, `${appBase.replace("127.0.0.1", "localhost")}/api/auth/callback/google`], grant_types: ["authorization_code", "refresh_token"] },
    ],
    scopes: ["openid", "email", "profile", "offline_access"],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "picture"] },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, email: `${id}@gmail.com`, email_verified: true, name: `User ${id}`, picture: `https://example.com/${id}.png` }) }),
    // Google hands out a refresh token for access_type=offline (the first test checks the app asks for it),
    // not for the offline_access scope; and it does not rotate it.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    extraParams: ["access_type"],
    // Google's ID token carries the profile and email claims itself (next-auth reads only the ID token).
    conformIdTokenClaims: false,
    rotateRefreshToken: false,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["seed-003-op-cookie-key-0123456789abcdef"] },
    ttl: { AccessToken: ACCESS_TOKEN_TTL, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 86_400, Grant: 86_400, RefreshToken: 86_400 },
    pkce: { required: () => false },
  });
  // Asked as https://accounts.google.com through the forwarding headers (google-fetch.mjs, toOP).
  provider.proxy = true;
  provider.on("server_error", () => {});
  const log: OPLog = { grants: [], refreshTokens: [] };
  provider.on("grant.success", (ctx) => log.grants.push(`${String(ctx.oidc.params?.grant_type)} via ${ctx.get("x-seed-google-host")}`));
  provider.on("refresh_token.saved", (token) => log.refreshTokens.push(token));
  return { provider, log };
}

/**
 * The origin of the redirect URI: next-auth 5.0.0-beta.32 builds it from the URL Next.js gives the request,
 * `http://localhost:<port>` under `next start -H 127.0.0.1`, even with AUTH_URL set; Sesame from AUTH_URL,
 * the address the app is served at. The OP registers both, and the browser (this test) goes back to the app
 * at its own address either way.
 */
function redirectOrigin(base: string, library: Library): string {
  return library === "next-auth" ? base.replace("127.0.0.1", "localhost") : base;
}

/** The browser's way to Google: https://accounts.google.com/… → the OP, as google-fetch.mjs does it. */
function toOP(url: URL): { target: URL; headers: Record<string, string> } {
  return { target: new URL(url.pathname + url.search, opBase), headers: { "x-forwarded-host": "accounts.google.com", "x-forwarded-proto": "https" } };
}

/** Signs in with Google over HTTP: the app's redirect, the OP's login and consent pages, the callback. */
async function signInWithGoogle(app: HttpClient, login: string, library: Library): Promise<Response> {
  const opJar = new Map<string, string>();
  const visitOP = async (url: URL, init: RequestInit = {}) => {
    const { target, headers } = toOP(url);
    const merged = new Headers(init.headers);
    for (const [name, value] of Object.entries(headers)) merged.set(name, value);
    merged.set("cookie", [...opJar].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(target, { ...init, headers: merged, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const eq = pair.indexOf("=");
      if (/expires=Thu, 01 Jan 1970/i.test(cookie)) opJar.delete(pair.slice(0, eq));
      else opJar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  };
  const csrfToken = await app.csrf();
  let response = await app.fetch("/api/auth/signin/google", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl: app.base + "/" }),
  });
  let current = new URL(response.headers.get("location")!, app.base);
  expect(current.origin).toBe("https://accounts.google.com");
  // The redirect URI each library sends (see REDIRECT_HOST).
  expect(current.searchParams.get("redirect_uri")).toBe(`${redirectOrigin(app.base, library)}/api/auth/callback/google`);
  expect(current.searchParams.get("access_type")).toBe("offline");
  expect(current.searchParams.get("prompt")).toBe("consent");
  response = await visitOP(current);
  for (let step = 0; step < 20; step++) {
    const location = response.headers.get("location");
    if (location) {
      current = new URL(location, current);
      if (current.origin === redirectOrigin(app.base, library)) return app.fetch(current.pathname + current.search);
      response = await visitOP(current);
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(html)?.[1];
    if (!action) throw new Error(`the OP answered ${response.status} without a form: ${/<pre>[\s\S]*?<\/pre>|<p>[\s\S]*?<\/p>/.exec(html)?.[0] ?? html.slice(0, 300)}`);
    current = new URL(action, current);
    const fields: Record<string, string> = html.includes('name="login"') ? { prompt: "login", login, password: "any" } : { prompt: "consent" };
    response = await visitOP(current, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields) });
  }
  throw new Error("the sign-in did not finish");
}

describe.each(LIBRARIES)("seed 003 with %s", (library) => {
  let server: NextServer;
  let log: OPLog;

  beforeAll(async () => {
    server = await startSeedApp("seed-003", library, 5, {
      env: { AUTH_SECRET: SECRET, AUTH_TRUST_HOST: "true", AUTH_GOOGLE_ID: "google", AUTH_GOOGLE_SECRET: CLIENT_SECRET },
      // AUTH_URL: where the app is served (see redirectOrigin).
      runtimeEnv: (base) => ({ AUTH_URL: base, SEED_GOOGLE_OP: opBase, NODE_OPTIONS: `--import ${preload}` }),
    });
    const op = googleOP(server.base);
    log = op.log;
    handle = op.provider.callback();
  }, 300_000);
  afterAll(() => server?.stop());

  test("基础配置, JWT 回调处理: the Google sign-in asks for offline access; the first session has no error", async () => {
    const app = new HttpClient(server.base);
    const callback = await signInWithGoogle(app, `alice-${library}`, library);
    expect(callback.status).toBe(302);
    // Back to the callbackUrl, http://127.0.0.1:<port>/. next-auth 5 takes it for another site (its own URL is
    // localhost, see redirectOrigin) and its redirect callback sends the user to its base URL instead.
    expect(callback.headers.get("location")).toBe(library === "next-auth" ? redirectOrigin(server.base, library) : `${server.base}/`);
    // The library's code exchange, at the token endpoint Google's discovery document names.
    expect(log.grants).toEqual(["authorization_code via accounts.google.com"]);
    expect(log.refreshTokens).toHaveLength(1);
    const session = (await app.session()) as { user: Record<string, unknown>; error?: string };
    expect(session.user).toEqual({ name: `User alice-${library}`, email: `alice-${library}@gmail.com`, image: `https://example.com/alice-${library}.png` });
    expect(session.error).toBeUndefined();
    expect(textOf(await (await app.fetch("/")).text(), "error")).toBe("");
  });

  test("令牌刷新: after the access token expires, the next session read refreshes it through the article's callback", async () => {
    const app = new HttpClient(server.base);
    await signInWithGoogle(app, `bob-${library}`, library);
    const before = app.sessionCookie();
    log.grants.length = 0;
    await new Promise((resolve) => setTimeout(resolve, (ACCESS_TOKEN_TTL + 1) * 1000));
    const session = (await app.session()) as { error?: string };
    // One refresh, the article's own POST to https://oauth2.googleapis.com/token: Sesame does not refresh
    // tokens the app's jwt callback keeps and refreshes itself (core/upstream/ownership.ts).
    expect(log.grants).toEqual(["refresh_token via oauth2.googleapis.com"]);
    expect(session.error).toBeUndefined();
    // The refreshed tokens are written back to the cookie; read again at once, nothing is refreshed.
    expect(app.sessionCookie()).not.toBe(before);
    await app.session();
    expect(log.grants).toEqual(["refresh_token via oauth2.googleapis.com"]);
  });

  test("错误处理: when Google refuses the refresh (the grant revoked), session.error is RefreshTokenError", async () => {
    const app = new HttpClient(server.base);
    await signInWithGoogle(app, `carol-${library}`, library);
    for (const token of log.refreshTokens.splice(0)) await token.destroy();
    log.grants.length = 0;
    await new Promise((resolve) => setTimeout(resolve, (ACCESS_TOKEN_TTL + 1) * 1000));
    const session = (await app.session()) as { user: unknown; error?: string };
    expect(session.error).toBe("RefreshTokenError");
    expect(session.user).toBeDefined();
    // The token endpoint refused it (invalid_grant), so no refresh grant succeeded.
    expect(log.grants).toEqual([]);
    expect(textOf(await (await app.fetch("/")).text(), "error")).toBe("RefreshTokenError");
  });
});
