/**
 * Step-up through an OpenID Connect provider, against the real oidc-provider (which honours `max_age` and
 * `prompt=login`, and puts `auth_time` in the ID token when `max_age` is asked): a sign-in marked `maxAge`
 * makes the provider ask for a fresh login, and the session dates from the provider's `auth_time`. The
 * marker comes from the browser, so every way of removing, raising or swapping it is tried here: none may
 * end in a session that passes a step-up it should not.
 *
 * Time moves with fake timers on `Date` only, which the provider (same process) and the app both read: a
 * login "ten minutes ago" is a real provider session with an `auth_time` ten minutes old.
 */
import { decodeJwt, SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { getSession, ReauthenticationRequired, requireRecentAuth, type SesameConfig } from "../../../src/index.js";
import { MemoryAdapter } from "../../../src/adapters/memory.js";
import { totpCode } from "../../../src/core/mfa/totp.js";
import { OAuth, OIDC, type OAuthProvider } from "../../../src/providers/oauth.js";
import { config, sessionCookie } from "../../support/helpers.js";
import { OAuthBrowser } from "../../support/oauth-browser.js";
import { APP_ORIGIN, CLIENT_SECRET, startOP, type TestOP } from "../../support/op.js";

let op: TestOP;
beforeAll(async () => {
  op = await startOP();
});
afterAll(() => op.close());
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
});
afterEach(() => {
  vi.useRealTimers();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);
const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

function oidc(extra: Partial<OAuthProvider> = {}): OAuthProvider {
  return OIDC({ id: "basic", name: "OP", issuer: op.issuer, clientId: "basic", clientSecret: CLIENT_SECRET, allowInsecureRequests: true, ...extra });
}

function app(provider: OAuthProvider = oidc()): { appConfig: SesameConfig; browser: OAuthBrowser } {
  const appConfig = config({ providers: [provider], logger: { error: () => {}, warn: () => {}, debug: () => {} } });
  return { appConfig, browser: new OAuthBrowser(appConfig) };
}

/** The session token's `auth_time`, as step-up reads it. */
async function authTime(browser: OAuthBrowser, appConfig: SesameConfig): Promise<unknown> {
  return (await getSession(browser.request("/"), appConfig)).token?.auth_time;
}

/** Whether `requireRecentAuth` lets this browser through with `maxAge`. */
async function passesStepUp(browser: OAuthBrowser, appConfig: SesameConfig, maxAge = 300): Promise<boolean> {
  try {
    await requireRecentAuth(browser.request("/secure"), appConfig, { maxAge });
    return true;
  } catch (error) {
    if (error instanceof ReauthenticationRequired) return false;
    throw error;
  }
}

/** Starts a sign-in as the sign-in page's button does, with `fields` (the marker among them). */
async function start(browser: OAuthBrowser, fields: Record<string, string> = {}): Promise<Response> {
  return browser.postForm("/api/auth/signin/basic", { csrfToken: await browser.csrf(), callbackUrl: "/secure", ...fields });
}

const authorizationParams = (response: Response) => new URL(response.headers.get("location")!).searchParams;

/** A redirect to `url`, to follow as if the app had answered it (an authorization URL changed in the browser). */
const redirectTo = (url: URL) => new Response(null, { status: 302, headers: { location: url.href } });

/** The app's answer is the error page with `code`, and no session was started. */
function expectRefused(browser: OAuthBrowser, response: Response, code: string) {
  expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/api/auth/error?error=${code}`);
  expect(sessionCookie(browser)).toBeUndefined();
}

describe("a step-up through the provider", () => {
  test("requireRecentAuth sends an old session to a sign-in marked maxAge; the provider asks for a login; the new session passes", async () => {
    const { appConfig, browser } = app();
    await browser.signInWith("basic", { login: "sam" });
    expect(await passesStepUp(browser, appConfig)).toBe(true);
    advance(600);

    const refused = await requireRecentAuth(browser.request("/secure"), appConfig, { maxAge: 300 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ReauthenticationRequired);
    const signInUrl = new URL((refused as ReauthenticationRequired).signInUrl!);
    expect(signInUrl.pathname).toBe("/api/auth/signin");
    expect(Object.fromEntries(signInUrl.searchParams)).toEqual({ callbackUrl: `${APP_ORIGIN}/secure`, maxAge: "300" });

    // The page carries the marker into its forms.
    const page = await (await browser.visit(signInUrl)).text();
    expect(page).toContain('<input type="hidden" name="maxAge" value="300">');
    expect(page).toContain("Confirm it is you");

    const started = await start(browser, { maxAge: "300" });
    const params = authorizationParams(started);
    expect(params.get("max_age")).toBe("300");
    expect(params.has("prompt")).toBe(false);
    const { response } = await browser.follow(started, { login: "sam" });
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/secure`);
    // The session dates from the login the provider just asked for (its session was ten minutes old: only a
    // new login gives an auth_time of now).
    expect(await authTime(browser, appConfig)).toBeGreaterThanOrEqual(nowSeconds() - 2);
    expect(await passesStepUp(browser, appConfig)).toBe(true);
  });

  test("maxAge 0 also sends prompt=login: the provider asks again even for a login seconds old", async () => {
    const { appConfig, browser } = app();
    await browser.signInWith("basic", { login: "zoe" });
    advance(5);
    const started = await start(browser, { maxAge: "0" });
    const params = authorizationParams(started);
    expect([params.get("max_age"), params.get("prompt")]).toEqual(["0", "login"]);
    const { response } = await browser.follow(started, { login: "zoe" });
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/secure`);
    expect(await authTime(browser, appConfig)).toBe(nowSeconds());
  });

  test("promptLoginOnStepUp adds prompt=login to the provider's own prompt; a plain OAuth 2.0 provider gets no max_age", async () => {
    const prompting = app(oidc({ promptLoginOnStepUp: true, authorization: { params: { prompt: "consent" } } })).browser;
    expect(authorizationParams(await start(prompting, { maxAge: "300" })).get("prompt")).toBe("consent login");
    expect(authorizationParams(await start(prompting)).get("prompt")).toBe("consent");

    const plain = OAuth({ id: "basic", name: "Plain", clientId: "basic", clientSecret: CLIENT_SECRET, authorization: `${op.issuer}/auth`, token: `${op.issuer}/token`, allowInsecureRequests: true });
    const params = authorizationParams(await start(app(plain).browser, { maxAge: "300" }));
    expect(params.has("max_age")).toBe(false);
    expect(params.has("prompt")).toBe(false);
  });

  test("a marker that is not seconds is refused before the provider is asked; on the page it is dropped", async () => {
    const { browser } = app();
    const refused = await start(browser, { maxAge: "soon" });
    expect(refused.headers.get("location") ?? "").not.toContain(op.issuer);
    expect(refused.headers.get("location")).toBe(`${APP_ORIGIN}/api/auth/error?error=InvalidRequest`);
    const page = await (await browser.fetch("/api/auth/signin?maxAge=-1")).text();
    expect(page).not.toContain('name="maxAge"');
  });

  test("an app's own sign-in page gets the marker, to pass on to signIn()", async () => {
    const appConfig = config({ providers: [oidc()], pages: { signIn: "/login" } });
    const response = await new OAuthBrowser(appConfig).fetch("/api/auth/signin?callbackUrl=%2Fsecure&maxAge=120");
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/login?callbackUrl=${encodeURIComponent(`${APP_ORIGIN}/secure`)}&maxAge=120`);
  });
});

describe("[stale provider session] a provider that does not re-authenticate is refused", () => {
  test("max_age ignored (the provider re-uses a ten-minute-old login): StaleAuthentication, no session", async () => {
    const { browser } = app();
    await browser.signInWith("basic", { login: "olga" });
    advance(600);
    browser.jar.delete("sesame.session-token");
    const started = await start(browser, { maxAge: "300" });
    // A provider that ignores max_age answers as if none had been asked for a fresh login.
    const ignored = new URL(started.headers.get("location")!);
    ignored.searchParams.set("max_age", "86400");
    const { response } = await browser.follow(redirectTo(ignored), { login: "olga" });
    expectRefused(browser, response, "StaleAuthentication");
  });

  test("[stripped] max_age removed from the provider's URL: the ID token has no auth_time, which oauth4webapi requires: StaleAuthentication", async () => {
    const { browser } = app();
    await browser.signInWith("basic", { login: "pia" });
    advance(600);
    browser.jar.delete("sesame.session-token");
    const stripped = new URL((await start(browser, { maxAge: "300" })).headers.get("location")!);
    stripped.searchParams.delete("max_age");
    const { response } = await browser.follow(redirectTo(stripped), { login: "pia" });
    expectRefused(browser, response, "StaleAuthentication");
  });

  test("an ID token without auth_time after max_age (a provider that leaves it out): StaleAuthentication", async () => {
    const withoutAuthTime: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith("/token")) return response;
      const body = (await response.json()) as Record<string, string>;
      const { auth_time: _dropped, ...claims } = decodeJwt(body.id_token!);
      body.id_token = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: op.kid }).sign(op.signingKey);
      return new Response(JSON.stringify(body), { status: response.status, headers: { "content-type": "application/json" } });
    };
    const { browser } = app(oidc({ fetch: withoutAuthTime }));
    const { response } = await browser.follow(await start(browser, { maxAge: "300" }), { login: "quinn" });
    expectRefused(browser, response, "StaleAuthentication");
  });
});

describe("[marker from the browser] removing, raising or swapping it gives no fresher session than the login was", () => {
  test("raised (maxAge=86400 instead of 300): the provider re-uses the old login, and the session dates from it: step-up still refuses", async () => {
    const { appConfig, browser } = app();
    await browser.signInWith("basic", { login: "rita" });
    const loggedInAt = nowSeconds();
    advance(600);
    const { response } = await browser.follow(await start(browser, { maxAge: "86400" }), { login: "rita" });
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/secure`);
    expect(await authTime(browser, appConfig)).toBe(loggedInAt);
    expect(await passesStepUp(browser, appConfig)).toBe(false);
  });

  test("removed, with a provider that always tells auth_time (max_age in its params): the session dates from the old login", async () => {
    const { appConfig, browser } = app(oidc({ authorization: { params: { max_age: "86400" } } }));
    await browser.signInWith("basic", { login: "sven" });
    const loggedInAt = nowSeconds();
    advance(600);
    const started = await start(browser);
    expect(authorizationParams(started).get("max_age")).toBe("86400");
    await browser.follow(started, { login: "sven" });
    expect(await authTime(browser, appConfig)).toBe(loggedInAt);
    expect(await passesStepUp(browser, appConfig)).toBe(false);
    // Marked, the smaller max_age wins, and the provider asks for a login.
    const marked = await start(browser, { maxAge: "300" });
    expect(authorizationParams(marked).get("max_age")).toBe("300");
    await browser.follow(marked, { login: "sven" });
    expect(await passesStepUp(browser, appConfig)).toBe(true);
  });

  test("swapped: the check cookie of an unmarked sign-in does not answer the marked one's callback (InvalidCheck)", async () => {
    const { browser } = app();
    await browser.signInWith("basic", { login: "tess" });
    advance(600);
    browser.jar.delete("sesame.session-token");
    const marked = await start(browser, { maxAge: "300" });
    await start(browser); // its check cookie replaces the marked one's
    const { response } = await browser.follow(marked, { login: "tess" });
    expectRefused(browser, response, "InvalidCheck");
  });

  test("[replay] a marked sign-in's callback works once", async () => {
    const { appConfig, browser } = app();
    await browser.signInWith("basic", { login: "uma" });
    advance(600);
    const started = await start(browser, { maxAge: "300" });
    const checks = browser.jar.get("sesame.oauth-checks")!;
    const { callback } = await browser.follow(started, { login: "uma" });
    expect(await passesStepUp(browser, appConfig)).toBe(true);

    const replayer = new OAuthBrowser(appConfig);
    replayer.jar.set("sesame.oauth-checks", checks);
    const replayed = await replayer.visit(callback!);
    expectRefused(replayer, replayed, "InvalidCheck");
  });
});

describe("with a second factor", () => {
  test("a provider's re-used login, then a code typed now: the session dates from the code (a new proof), with oauth + totp", async () => {
    const appConfig = config({ adapter: MemoryAdapter(), twoFactor: {}, providers: [oidc()], session: { exposeAuthentication: true } });
    const browser = new OAuthBrowser(appConfig);
    await browser.signInWith("basic", { login: "vic" });
    const csrfToken = await browser.csrf();
    const started = (await (await browser.postJson("/api/auth/two-factor/enrol", { csrfToken })).json()) as { secret: string; enrolment: string };
    expect((await browser.postJson("/api/auth/two-factor/confirm", { csrfToken, enrolment: started.enrolment, code: totpCode(started.secret) })).status).toBe(200);
    advance(600);

    // Raised marker: the provider re-uses the ten-minute-old login; the sign-in waits for the code.
    const { response } = await browser.follow(await start(browser, { maxAge: "86400" }), { login: "vic" });
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/api/auth/second-factor`);
    const done = await browser.postJson("/api/auth/second-factor", { csrfToken: await browser.csrf(), code: totpCode(started.secret) });
    expect(done.status).toBe(200);
    expect(await authTime(browser, appConfig)).toBe(nowSeconds());
    expect(((await browser.session()) as { amr?: string[] }).amr).toEqual(["oauth", "totp"]);
    expect(await passesStepUp(browser, appConfig)).toBe(true);
  });
});
