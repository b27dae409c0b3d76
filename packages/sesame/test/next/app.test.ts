/**
 * A real Next.js 16 app (test/next/fixture), built with `next build` and served by `next start`, driven
 * over HTTP: auth() in the proxy, a Server Component, a Route Handler and Server Actions, v4-style
 * getServerSession, and a cookie renewed in the proxy being the one the page renders with.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { migrate } from "../../src/adapters/sql.js";
import { sqlite } from "../../src/adapters/sqlite.node.js";
import { totpCode } from "../../src/core/mfa/totp.js";
import { decode } from "../../src/jwt.js";
import type { SesameConfig } from "../../src/index.js";
import { OAuthBrowser } from "../support/oauth-browser.js";
import { CLIENT_SECRET, startOP, type TestOP } from "../support/op.js";
import { freeLoopbackPort, startNextApp, type NextServer } from "./next-server.js";

const fixture = fileURLToPath(new URL("./fixture", import.meta.url));
const SECRET = "fixture-secret-0123456789-abcdefghijklmnop";

let server: NextServer;
let base: string;
/** The SQLite file of the fixture's second instance (auth-two-step.ts), migrated here. */
const dataDir = mkdtempSync(join(tmpdir(), "sesame-next-fixture-"));
const twoStepDb = join(dataDir, "two-step.db");

/** The OpenID Provider the fixture's second instance signs in with (provider "op"). */
let op: TestOP;

beforeAll(async () => {
  const db = sqlite(twoStepDb);
  await migrate(db);
  await db.destroy();
  // The provider must know the app's callback before the app starts, and the app the provider's issuer.
  const port = await freeLoopbackPort();
  op = await startOP({ clients: [{ client_id: "next-fixture", redirect_uris: [`http://127.0.0.1:${port}/api/two-step/callback/op`] }] });
  server = await startNextApp(fixture, {
    port,
    runtimeEnv: () => ({ SESAME_FIXTURE_DB: twoStepDb, SESAME_FIXTURE_OIDC_ISSUER: op.issuer, SESAME_FIXTURE_OIDC_SECRET: CLIENT_SECRET }),
  });
  base = server.base;
}, 300_000);

afterAll(async () => {
  server?.stop();
  await op?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A browser for the provider round trips of the fixture's second instance: requests to the app go over HTTP
 * to the Next.js server (not through `Auth()`), requests to the provider as in OAuthBrowser.
 */
class NextOAuthBrowser extends OAuthBrowser {
  constructor() {
    // The config is the server's, not this process's: OAuthBrowser only needs it to call Auth(), which this one does not.
    super({ providers: [] } satisfies SesameConfig, base, "/api/two-step/callback/");
  }

  override async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(this.request(path, init), { redirect: "manual" });
    this.store(response);
    return response;
  }

  /** Runs the server action of the page's form `formId`, as a browser without JavaScript posts it. */
  async runAction(page: string, formId: string): Promise<Response> {
    const html = await (await this.fetch(page)).text();
    const action = new RegExp(`<form id="${formId}"[^>]*>\\s*<input type="hidden" name="(\\$ACTION_ID_[0-9a-f]+)"`).exec(html)?.[1];
    if (!action) throw new Error(`no server action in form #${formId} of ${page}`);
    const form = new FormData();
    form.set(action, "");
    return this.fetch(page, { method: "POST", body: form });
  }
}

class Client {
  jar = new Map<string, string>();
  async get(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set("cookie", [...this.jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(base + path, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const eq = pair.indexOf("=");
      if (/Max-Age=0/i.test(cookie) || /Expires=Thu, 01 Jan 1970/i.test(cookie)) this.jar.delete(pair.slice(0, eq));
      else this.jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  }
  async signIn(username: string) {
    const { csrfToken } = (await (await this.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await this.get("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, username, password: "pw" }),
    });
    expect(response.status).toBe(302);
    expect(this.jar.has("sesame.session-token")).toBe(true);
  }
}

const pageSession = async (response: Response) => {
  const html = await response.text();
  const json = /<pre id="session">([^<]*)<\/pre>/.exec(html)?.[1] ?? "null";
  return JSON.parse(json.replaceAll("&quot;", '"').replaceAll("&amp;", "&")) as { session: { user: Record<string, string>; expires: string } | null; userId: string };
};

describe("a Next.js 16 app", () => {
  test("public page; protected page redirects to sign-in with callbackUrl; protected API answers 401 JSON", async () => {
    const client = new Client();
    expect((await client.get("/")).status).toBe(200);
    const page = await client.get("/dashboard");
    expect(page.status).toBe(307);
    const location = new URL(page.headers.get("location")!, base);
    expect(location.pathname + location.search).toBe("/api/auth/signin?callbackUrl=%2Fdashboard");
    const api = await client.get("/api/me");
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: "Unauthorized" });
  });

  test("signed in: the Server Component sees the session and the proxy's x-user-id; the Route Handler too", async () => {
    const client = new Client();
    await client.signIn("ada");
    const { session, userId } = await pageSession(await client.get("/dashboard"));
    expect(session?.user).toMatchObject({ id: "1", name: "ada", role: "admin" });
    expect(userId).toBe("1");
    expect(await (await client.get("/api/me")).json()).toMatchObject({ me: { id: "1", email: "ada@example.com" } });
  });

  test("step-up: auth({ maxAge }) renders for a recent sign-in; older, or signed out, it sends the user to sign in again and back", async () => {
    const backToSudo = (response: Response) => {
      expect(response.status).toBe(307);
      const location = new URL(response.headers.get("location")!, base);
      expect(location.pathname).toBe("/api/auth/signin");
      expect(new URL(location.searchParams.get("callbackUrl") ?? "", base).href).toBe(new URL("/sudo", base).href);
      // Marked as a re-authentication, so an OpenID Connect provider would be asked for max_age=2.
      expect(location.searchParams.get("maxAge")).toBe("2");
    };
    backToSudo(await new Client().get("/sudo"));
    const client = new Client();
    await client.signIn("ada");
    const recent = await client.get("/sudo");
    expect(recent.status).toBe(200);
    expect(await recent.text()).toContain('<p id="sudo">ada</p>');
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    backToSudo(await client.get("/sudo"));
    // Signing in again makes it recent.
    await client.signIn("ada");
    expect((await client.get("/sudo")).status).toBe(200);
  });

  test("a config function: one without a parameter reads without a request, one with gets the site's URL", async () => {
    const client = new Client();
    expect(await (await client.get("/api/lazy")).json()).toMatchObject({ without: null, withRequest: null });
    await client.signIn("bob");
    expect(await (await client.get("/api/lazy")).json()).toEqual({ without: "bob", withRequest: "bob", givenUrl: `${base}/` });
  });

  // Regression: auth() from headers alone took every request for a read, so a bearer token counted on writes under session.bearer "GET".
  test("a bearer token in a Route Handler's auth(): accepted on a read, refused on a write (session.bearer: \"GET\")", async () => {
    const client = new Client();
    await client.signIn("ada");
    const authorization = `Bearer ${client.jar.get("sesame.session-token")}`;
    const read = await fetch(`${base}/api/bearer`, { headers: { authorization } });
    expect(await read.json()).toEqual({ me: "ada" });
    // Next.js gives auth() only the headers: a body marks the request as a write, where bearer tokens do not count.
    const write = await fetch(`${base}/api/bearer`, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: "{}" });
    expect(await write.json()).toEqual({ me: null });
    const withCookie = await client.get("/api/bearer", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(await withCookie.json()).toEqual({ me: "ada" });
  });

  test("/admin needs role admin (checked in the proxy)", async () => {
    const admin = new Client();
    await admin.signIn("ada");
    expect((await admin.get("/admin")).status).toBe(200);
    const user = new Client();
    await user.signIn("bob");
    const refused = await user.get("/admin");
    expect(refused.status).toBe(307);
    expect(new URL(refused.headers.get("location")!, base).pathname).toBe("/");
  });

  test("v4-style getServerSession(authOptions) in a Route Handler", async () => {
    const client = new Client();
    expect((await client.get("/api/legacy")).status).toBe(401);
    await client.signIn("bob");
    expect(await (await client.get("/api/legacy")).json()).toMatchObject({ orders: [{ id: 1, item: "Book" }], user: { name: "bob" } });
  });

  test("a cookie renewed in the proxy is the one the page renders with", async () => {
    const client = new Client();
    await client.signIn("ada");
    const before = await decode({ token: client.jar.get("sesame.session-token"), secret: SECRET });
    // Past updateAge (2 s). Time is the subject, and it passes in the Next.js server's own process, whose clock
    // a fake timer here cannot move.
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    const response = await client.get("/dashboard");
    const renewed = response.headers.getSetCookie().find((c) => c.startsWith("sesame.session-token="));
    expect(renewed).toBeDefined();
    const after = await decode({ token: client.jar.get("sesame.session-token"), secret: SECRET });
    expect(after!.exp).toBeGreaterThan(before!.exp!);
    const { session } = await pageSession(response);
    expect(new Date(session!.expires).getTime()).toBe(after!.exp! * 1000);
  });

  test("Server Action signIn(\"credentials\", formData) signs in and redirects to redirectTo", async () => {
    const client = new Client();
    const html = await (await client.get("/login")).text();
    const action = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(html)![1]!;
    const form = new FormData();
    form.set(action, "");
    form.set("username", "ada");
    form.set("password", "pw");
    form.set("redirectTo", "/dashboard");
    const response = await client.get("/login", { method: "POST", body: form });
    expect([303, 307]).toContain(response.status);
    expect(new URL(response.headers.get("location")!, base).pathname).toBe("/dashboard");
    expect(client.jar.has("sesame.session-token")).toBe(true);
    expect((await pageSession(await client.get("/dashboard"))).session?.user).toMatchObject({ name: "ada" });
  });

  test("Server Actions: update() persists a new name; signOut() ends the session and redirects", async () => {
    const client = new Client();
    await client.signIn("bob");
    const html = await (await client.get("/account")).text();
    const actions = [...html.matchAll(/name="(\$ACTION_ID_[0-9a-f]+)"/g)].map((m) => m[1]!);
    expect(actions).toHaveLength(2);
    const [rename, leave] = actions as [string, string];
    const form = new FormData();
    form.set(rename, "");
    form.set("name", "Robert");
    await client.get("/account", { method: "POST", body: form });
    expect(/<p id="name">([^<]*)<\/p>/.exec(await (await client.get("/account")).text())?.[1]).toBe("Robert");

    const out = new FormData();
    out.set(leave, "");
    const signedOut = await client.get("/account", { method: "POST", body: out });
    expect([303, 307]).toContain(signedOut.status);
    expect(client.jar.has("sesame.session-token")).toBe(false);
    expect((await client.get("/dashboard")).status).toBe(307);
  });

  test("Server Action signIn(\"credentials\", formData) for a user with a second factor: no session, the second-factor page; a backup code completes it", async () => {
    const post = (client: Client, path: string, fields: Record<string, string>) =>
      client.get(`/api/two-step/${path}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields) });
    const csrf = async (client: Client) => ((await (await client.get("/api/two-step/csrf")).json()) as { csrfToken: string }).csrfToken;

    // eve turns on two-step verification (an authenticator app, its code computed here).
    const owner = new Client();
    expect((await post(owner, "callback/credentials", { csrfToken: await csrf(owner), username: "eve", password: "pw" })).status).toBe(302);
    const started = (await (await post(owner, "two-factor/enrol", { csrfToken: await csrf(owner) })).json()) as { secret: string; enrolment: string };
    const confirmed = await post(owner, "two-factor/confirm", { csrfToken: await csrf(owner), enrolment: started.enrolment, code: totpCode(started.secret) });
    const { backupCodes } = (await confirmed.json()) as { backupCodes: string[] };
    expect(backupCodes).toHaveLength(10);

    // The server action in another browser: the password is right, and it stops at the second factor.
    const client = new Client();
    const html = await (await client.get("/two-step")).text();
    const action = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(html)![1]!;
    const form = new FormData();
    form.set(action, "");
    form.set("username", "eve");
    form.set("password", "pw");
    form.set("redirectTo", "/two-step");
    const response = await client.get("/two-step", { method: "POST", body: form });
    expect([303, 307]).toContain(response.status);
    expect(new URL(response.headers.get("location")!, base).pathname).toBe("/api/two-step/second-factor");
    expect(client.jar.has("sesame.pending-sign-in")).toBe(true);
    expect(client.jar.has("sesame.session-token")).toBe(false);
    expect((await pageSession(await client.get("/two-step"))).session).toBeNull();
    expect(await (await client.get("/api/two-step/second-factor")).text()).toContain('autocomplete="one-time-code"');

    // The second factor (a backup code: the enrolment used this time step's TOTP code) starts the session.
    const done = await post(client, "second-factor", { csrfToken: await csrf(client), code: backupCodes[0]! });
    expect(done.status).toBe(302);
    expect(new URL(done.headers.get("location")!, base).pathname).toBe("/two-step");
    expect(client.jar.has("sesame.pending-sign-in")).toBe(false);
    const { session } = await pageSession(await client.get("/two-step"));
    expect(session?.user).toMatchObject({ name: "eve", id: "two-step-eve" });
    expect(session).toMatchObject({ amr: ["credentials", "backup-code"] });
  });

  test("Server Action signIn(\"op\", { maxAge: 0 }): the provider is asked for a fresh login and the session dates from it; with max_age stripped on the way, StaleAuthentication and the session stays as it was", async () => {
    const browser = new NextOAuthBrowser();
    const authorization = (response: Response) => {
      expect([303, 307]).toContain(response.status);
      const url = new URL(response.headers.get("location")!);
      expect(url.origin).toBe(op.issuer);
      return url;
    };
    const sessionNow = async () => (await pageSession(await browser.fetch("/step-up"))).session as { user: Record<string, string>; amr: string[]; authTime: string } | null;

    // A plain sign-in through the action: no max_age.
    const plain = await browser.runAction("/step-up", "login");
    expect(authorization(plain).searchParams.has("max_age")).toBe(false);
    const { response: signedIn } = await browser.follow(plain, { login: "nia" });
    expect(new URL(signedIn.headers.get("location")!, base).pathname).toBe("/step-up");
    const first = await sessionNow();
    expect(first).toMatchObject({ user: { email: "nia@example.com" }, amr: ["oauth"] });

    // auth_time is in seconds: a step-up a second later must date from a later login.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const askedAt = Math.floor(Date.now() / 1000);
    const stepUp = await browser.runAction("/step-up", "reauthenticate");
    const params = authorization(stepUp).searchParams;
    expect(params.get("max_age")).toBe("0");
    expect(params.get("prompt")).toBe("login");
    await browser.follow(stepUp, { login: "nia" });
    const renewed = await sessionNow();
    expect(renewed?.user.email).toBe("nia@example.com");
    // Only a login the provider asked for again has an auth_time this late (it re-used its session otherwise).
    expect(Date.parse(renewed!.authTime) / 1000).toBeGreaterThanOrEqual(askedAt);

    // [stripped] max_age and prompt removed from the provider's URL by the browser: the provider re-uses its
    // login and says nothing of auth_time; the app refuses the answer, and the session is not renewed by it.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const stripped = authorization(await browser.runAction("/step-up", "reauthenticate"));
    stripped.searchParams.delete("max_age");
    stripped.searchParams.delete("prompt");
    const { response: refused } = await browser.follow(new Response(null, { status: 302, headers: { location: stripped.href } }), { login: "nia" });
    expect(new URL(refused.headers.get("location")!, base).searchParams.get("error")).toBe("StaleAuthentication");
    expect((await sessionNow())?.authTime).toBe(renewed!.authTime);
  });
});
