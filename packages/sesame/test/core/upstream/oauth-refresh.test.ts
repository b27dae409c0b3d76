/**
 * Seed 003: refresh-token rotation with an OpenID Provider — here the real oidc-provider, rotating refresh
 * tokens on every use and revoking the grant when a rotated-out token comes back. The app configures the
 * provider and nothing else.
 */
import { afterAll, afterEach, beforeAll, expect, test, vi } from "vitest";
import { getAccessToken, getSession, type SesameConfig, type Session } from "../../../src/index.js";
import { OIDC } from "../../../src/providers/oauth.js";
import { SqlAdapter } from "../../../src/adapters/sql.js";
import { sqliteDatabase } from "../../support/databases.js";
import { config } from "../../support/helpers.js";
import { OAuthBrowser } from "../../support/oauth-browser.js";
import { CLIENT_SECRET, startOP, type TestOP } from "../../support/op.js";

let op: TestOP;
beforeAll(async () => {
  op = await startOP();
});
afterAll(() => op.close());
afterEach(() => vi.useRealTimers());

/** An app signing in with the provider's rotating client, which hands out refresh tokens. */
function rotatingApp(fetchImpl?: typeof fetch): SesameConfig {
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
  return config({ providers: [provider], logger: { warn: () => {} } });
}

test("the access token is refreshed once under a storm of requests, and the rotation never trips reuse detection", async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date());
  let refreshCalls = 0;
  const counting: typeof fetch = async (input, init) => {
    if (String(input).endsWith("/token") && String(init?.body).includes("grant_type=refresh_token")) refreshCalls++;
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
    browser.store(new Response(null, { headers: results[0]!.cookies.map((c) => ["set-cookie", c] as [string, string]) }));
  }
  // Three rotations later the grant is alive: no rotated-out token was ever presented.
  expect(((await browser.session()) as Session).error).toBeUndefined();
  const userinfo = await fetch(`${op.issuer}/me`, { headers: { authorization: `Bearer ${(await getAccessToken(browser.request("/"), appConfig)).accessToken}` } });
  expect(userinfo.status).toBe(200);
});

test.each(["database", "jwt"] as const)(
  "with an adapter (%s sessions), the refreshed tokens are written into the user's account too, once, where apps read them from the database",
  async (strategy) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date());
    const database = await sqliteDatabase();
    try {
      const adapter = SqlAdapter(database.db);
      const appConfig = { ...rotatingApp(), adapter, session: { strategy, exposeUserId: true } };
      const browser = new OAuthBrowser(appConfig);
      await browser.signInWith("rotating", { login: `acct-${strategy}` });
      const ref = { provider: "rotating", providerAccountId: `acct-${strategy}` };
      const before = await adapter.getAccount!(ref);
      vi.setSystemTime(Date.now() + 6 * 60_000);
      const results = await Promise.all(Array.from({ length: 5 }, () => getAccessToken(browser.request("/"), appConfig)));
      expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
      const after = await adapter.getAccount!(ref);
      expect(after).toMatchObject({ access_token: results[0]!.accessToken, refresh_token: expect.any(String) });
      expect(after?.refresh_token).not.toBe(before?.refresh_token);
    } finally {
      await database.drop();
    }
  },
);

test("a rotated-out refresh token presented by hand is refused by the provider (the detection the storm avoided is real)", async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date());
  const appConfig = rotatingApp();
  const browser = new OAuthBrowser(appConfig);
  await browser.signInWith("rotating", { login: "sven" });
  const { token } = await getSession(browser.request("/"), appConfig);
  const oldRefresh = (token!.upstream as { refreshToken: string }).refreshToken;
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

// Regression (issue 30, "The seeds' code, as written"): Sesame refreshed 60 s before expiry on its own, then the
// app's callback presented the refresh token Sesame had just rotated out, and the provider revoked the grant.
test("an app that refreshes in its own jwt callback (the Auth.js refresh-token recipe) is left to it: three rotations, no refresh by Sesame", async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date());
  let sesameRefreshes = 0;
  let appRefreshes = 0;
  const providerFetch: typeof fetch = async (input, init) => {
    if (String(input).endsWith("/token") && String(init?.body).includes("grant_type=refresh_token")) sesameRefreshes++;
    return fetch(input, init);
  };
  const base = rotatingApp(providerFetch);
  const appConfig: SesameConfig = {
    ...base,
    callbacks: {
      async jwt({ token, account }) {
        if (account) {
          return { ...token, access_token: account.access_token, expires_at: account.expires_at, refresh_token: account.refresh_token };
        }
        if (Date.now() < (token.expires_at as number) * 1000) return token;
        appRefreshes++;
        const response = await fetch(`${op.issuer}/token`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${btoa(`rotating:${CLIENT_SECRET}`)}` },
          body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: token.refresh_token as string }),
        });
        const tokens = (await response.json()) as { access_token: string; expires_in: number; refresh_token?: string };
        if (!response.ok) return { ...token, error: "RefreshTokenError" };
        return {
          ...token,
          access_token: tokens.access_token,
          expires_at: Math.floor(Date.now() / 1000 + tokens.expires_in),
          refresh_token: tokens.refresh_token ?? token.refresh_token,
        };
      },
    },
  };
  const browser = new OAuthBrowser(appConfig);
  await browser.signInWith("rotating", { login: "ida" });

  for (let round = 1; round <= 3; round++) {
    // Inside Sesame's 60-second refresh buffer first: nobody refreshes yet.
    vi.setSystemTime(Date.now() + 4 * 60_000 + 30_000);
    expect(((await browser.session()) as Session).error).toBeUndefined();
    expect(appRefreshes).toBe(round - 1);
    // Past the 5-minute lifetime: the app's callback refreshes, once.
    vi.setSystemTime(Date.now() + 60_000);
    expect(((await browser.session()) as Session).error).toBeUndefined();
    expect(appRefreshes).toBe(round);
  }
  expect(sesameRefreshes).toBe(0);
  const { token } = await getSession(browser.request("/"), appConfig);
  expect(token?.upstream).toBeUndefined();
  const userinfo = await fetch(`${op.issuer}/me`, { headers: { authorization: `Bearer ${token?.access_token as string}` } });
  expect(userinfo.status).toBe(200);
});
