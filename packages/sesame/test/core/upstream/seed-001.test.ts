/**
 * Seed 001 as written: `authorize` returns the backend's `tokens: { access, refresh }` and the app's own `jwt`
 * callback refreshes them, against the sample backend (15-minute access and 7-day refresh JWTs, rotation with
 * reuse detection). Sesame sees the field name it knows, but the app asked it for no refresh (no
 * `tokens.refresh` hook): it must not refresh, and must not mark the session `RefreshTokenError`.
 */
import { decodeJwt } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { startBackend, type Backend } from "../../../../../examples/backend/backend.js";
import { getAccessToken, getSession, type SesameConfig } from "../../../src/index.js";
import Credentials from "../../../src/providers/credentials.js";
import { Browser, SECRET, sessionCookie } from "../../support/helpers.js";
import { seed001, type Seed001Helpers } from "./seed-001/auth.js";

let backend: Backend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend.close());
afterEach(() => vi.useRealTimers());

const MINUTE = 60_000;
function startClock() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date());
}
const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);

/** What the article leaves to the app, written the plain way against the sample backend. */
const helpers = (): Seed001Helpers => ({
  login: ({ username, password }) =>
    fetch(`${backend.url}/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }) }),
  async refreshToken(refresh) {
    const response = await fetch(`${backend.url}/refresh`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ refresh }) });
    if (!response.ok) throw new Error(`refresh answered ${response.status}`);
    return (await response.json()) as { access: string; refresh: string };
  },
  jwtDecode: (token) => decodeJwt(token) as { id: number; email: string; exp: number },
});

function seedApp(): SesameConfig {
  const { provider, callbacks } = seed001(helpers());
  return { secret: SECRET, trustHost: true, rateLimit: false, providers: [provider], callbacks };
}

interface SeedSession {
  user: { id: number; email: string };
  validity: { valid_until: number; refresh_until: number };
  error?: string;
}

const callMe = async (accessToken: string) => (await fetch(`${backend.url}/me`, { headers: { authorization: `Bearer ${accessToken}` } })).status;
/** The backend access token the seed's `jwt` callback keeps in its own claim `data`. */
async function appAccessToken(browser: Browser, config: SesameConfig): Promise<string> {
  const { token } = await getSession(browser.request("/"), config);
  return (token?.data as { tokens: { access: string } }).tokens.access;
}

describe("seed 001: the app refreshes its backend's tokens in its own jwt callback", () => {
  // Regression (issue 30, "The seeds' code, as written"): Sesame started its own refresh 60 s before expiry,
  // found no `tokens.refresh` hook and marked the session `RefreshTokenError` for good.
  test("inside Sesame's refresh buffer, before the app's own 5-second margin: no refresh by anyone, no error", async () => {
    startClock();
    const config = seedApp();
    const browser = new Browser(config);
    await browser.signIn({ username: "alice", password: "wonderland" });
    expect(sessionCookie(browser)).toBeDefined();
    const { refreshes } = backend.stats;

    advance(14 * MINUTE + 30_000);
    const session = (await browser.session()) as SeedSession;
    expect(session).toMatchObject({ user: { id: 1, email: "alice@example.com" } });
    expect(session.error).toBeUndefined();
    expect(backend.stats.refreshes).toBe(refreshes);
  });

  test("at expiry the app's callback refreshes once, its new access token works, and Sesame neither refreshes nor records an error", async () => {
    startClock();
    const config = seedApp();
    const browser = new Browser(config);
    await browser.signIn({ username: "alice", password: "wonderland" });
    const before = await appAccessToken(browser, config);
    const { refreshes, reuseDetections } = backend.stats;

    advance(15 * MINUTE);
    const session = (await browser.session()) as SeedSession;
    expect(session.error).toBeUndefined();
    expect(backend.stats.refreshes).toBe(refreshes + 1);
    const after = await appAccessToken(browser, config);
    expect(after).not.toBe(before);
    expect(await callMe(after)).toBe(200);
    expect(session.validity.valid_until).toBe(decodeJwt(after).exp);
    // Reading on with the refreshed cookie: nothing more to refresh, nothing presented twice.
    expect(((await browser.session()) as SeedSession).error).toBeUndefined();
    expect(backend.stats.refreshes).toBe(refreshes + 1);
    expect(backend.stats.reuseDetections).toBe(reuseDetections);
  });

  test("Sesame keeps no second copy of tokens the app manages: only the app's claim holds them", async () => {
    const config = seedApp();
    const browser = new Browser(config);
    await browser.signIn({ username: "alice", password: "wonderland" });
    const { token } = await getSession(browser.request("/"), config);
    expect(token?.upstream).toBeUndefined();
    expect(await callMe(await appAccessToken(browser, config))).toBe(200);
  });

  test("past the refresh token's expiry the session carries the app's own RefreshTokenExpired, and no refresh is tried", async () => {
    startClock();
    const config = seedApp();
    const browser = new Browser(config);
    await browser.signIn({ username: "alice", password: "wonderland" });
    const { refreshes } = backend.stats;
    advance(8 * 24 * 60 * MINUTE);
    expect(((await browser.session()) as SeedSession).error).toBe("RefreshTokenExpired");
    expect(backend.stats.refreshes).toBe(refreshes);
  });
});

describe("tokens returned by authorize, with no tokens.refresh hook and no refresh code of the app's", () => {
  const config = (): SesameConfig => ({
    secret: SECRET,
    trustHost: true,
    rateLimit: false,
    providers: [
      Credentials({
        async authorize(credentials) {
          const tokens = (await (await helpers().login(credentials)).json()) as { access: string; refresh: string };
          return { id: "1", email: "alice@example.com", tokens };
        },
      }),
    ],
  });

  test("the access token serves getAccessToken while it lasts; once expired there is none, and the session has no error", async () => {
    startClock();
    const app = config();
    const browser = new Browser(app);
    await browser.signIn({ username: "alice", password: "wonderland" });
    const fresh = await getAccessToken(browser.request("/"), app);
    expect(await callMe(fresh.accessToken!)).toBe(200);
    const { refreshes } = backend.stats;

    advance(14 * MINUTE + 30_000);
    expect((await getAccessToken(browser.request("/"), app)).accessToken).toBe(fresh.accessToken);
    advance(MINUTE);
    expect(await getAccessToken(browser.request("/"), app)).toEqual({ accessToken: null, cookies: [] });
    expect(await browser.session()).toMatchObject({ user: { email: "alice@example.com" } });
    expect(((await browser.session()) as { error?: string }).error).toBeUndefined();
    expect(backend.stats.refreshes).toBe(refreshes);
  });
});
