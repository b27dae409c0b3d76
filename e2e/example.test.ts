/**
 * The reference app in a real browser: every way to sign in and out, protected pages and APIs, sessions
 * that expire, slide, refresh their backend tokens once for many tabs, end in every tab and on other
 * devices, refuse cross-site forms, and never show a token to page scripts; and the accounts story
 * (`accounts.ts`: sign-up, two-step verification, passkeys, password reset) on the same app. Run with
 * SQLite, then with PostgreSQL + Redis.
 */
import { createServer, type Server } from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { accountsSuite } from "./accounts";
import { buildExample, startExample, TIMINGS, type Example, type StorageKind } from "./harness";

const SESSION_COOKIE = "sesame.session-token";

beforeAll(buildExample, 300_000);

describe.each<StorageKind>(["sqlite", "postgres+redis"])("the example app on %s", (kind) => {
  let app: Example;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await startExample(kind);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await app.newContext();
    contexts.push(context);
    return context.newPage();
  }

  // On failure, a picture of every page still open, named after the test.
  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") {
      const pages = contexts.flatMap((context) => context.pages());
      await Promise.all(pages.map((page, i) => app.shot(page, `failed-${task.name.replace(/\W+/g, "-")}-${i}`).catch(() => {})));
    }
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function signInWithPassword(page: Page, username: string, password: string) {
    await page.fill("#credentials input[name=username]", username);
    await page.fill("#credentials input[name=password]", password);
    await page.click("#credentials button");
  }

  async function sessionCookie(page: Page) {
    return (await page.context().cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
  }

  test("a protected page sends you to sign in and back; the password sign-in holds across reloads; sign-out ends it", async () => {
    const page = await newPage();
    await app.visit(page, "/", "home");
    expect((await page.request.get("/api/me")).status()).toBe(401);
    expect(await (await page.request.get("/api/me")).json()).toMatchObject({ error: "Unauthorized" });

    await app.visit(page, "/dashboard", "login");
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/login?callbackUrl=%2Fdashboard");
    await signInWithPassword(page, "alice", "nope");
    await page.waitForSelector("#error");
    expect(await page.textContent("#error")).toContain("CredentialsSignin");
    await app.shot(page, "login-error");

    await signInWithPassword(page, "alice", "wonderland");
    await page.waitForURL("**/dashboard");
    expect(await page.textContent("#name")).toBe("Alice Example");
    await app.shot(page, "dashboard");
    await page.reload();
    expect(await page.textContent("#role")).toBe("admin");
    expect(await (await page.request.get("/api/me")).json()).toMatchObject({ user: { id: "1", email: "alice@example.com", role: "admin" } });

    // The cookie: HttpOnly, SameSite=Lax, invisible to scripts.
    const cookie = await sessionCookie(page);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");

    await page.click("#sign-out");
    await page.waitForURL(`${app.url}/`);
    expect(await sessionCookie(page)).toBeUndefined();
    expect((await page.request.get("/api/me")).status()).toBe(401);
    // The old cookie, replayed, is worth nothing: the session row is gone.
    const replay = await page.request.get("/api/me", { headers: { cookie: `${SESSION_COOKIE}=${cookie?.value}` } });
    expect(replay.status()).toBe(401);
  });

  test("the admin area lets alice in and sends bob away (proxy.ts)", async () => {
    const alice = await newPage();
    await alice.goto("/login?callbackUrl=%2Fadmin");
    await signInWithPassword(alice, "alice", "wonderland");
    await alice.waitForURL("**/admin");
    expect(await alice.textContent("#admin")).toBe("Admin");
    await app.shot(alice, "admin");

    const bob = await newPage();
    await bob.goto("/login");
    await signInWithPassword(bob, "bob", "builder");
    await bob.waitForURL("**/dashboard");
    await app.visit(bob, "/admin", "forbidden");
    expect(new URL(bob.url()).pathname).toBe("/forbidden");
  });

  test("signing in with the OpenID Provider", async () => {
    const page = await newPage();
    await page.goto("/login?callbackUrl=%2Fclient");
    await page.click("#oidc button");
    await page.waitForSelector("input[name=login]");
    await app.shot(page, "openid-provider-login");
    await page.fill("input[name=login]", "carol");
    await page.fill("input[name=password]", "any");
    await page.click("button[type=submit]");
    await page.waitForSelector("button[type=submit]");
    await app.shot(page, "openid-provider-consent");
    await page.click("button[type=submit]");
    await page.waitForURL("**/client");
    await page.waitForSelector("text=authenticated: Carol Provider");
    await app.shot(page, "client");
    expect(await (await page.request.get("/api/me")).json()).toMatchObject({ user: { email: "carol@example.com", role: "user" } });
  });

  test("signing in with a magic link from the inbox, back to where you were going", async () => {
    const page = await newPage();
    await page.goto("/login?callbackUrl=%2Fsessions");
    await page.fill("#email input[name=email]", "bob@example.com");
    await page.click("#email button");
    await page.waitForURL("**/check-email**");
    await app.shot(page, "check-email");
    await page.click("text=open the inbox");
    await page.waitForSelector(".magic-link");
    await app.shot(page, "inbox");
    await page.click(".magic-link >> nth=0");
    await page.waitForURL("**/sessions");
    await page.waitForSelector("#devices tr.current");
    await app.shot(page, "sessions");
    // The same user as bob's password sign-in: the backend's id 2, seeded on start.
    expect(await (await page.request.get("/api/me")).json()).toMatchObject({ user: { id: "2", email: "bob@example.com" } });
    // A link works once.
    const link = app.stack.mail.messages[0]?.text.match(/https?:\/\/\S+/)?.[0] ?? "";
    const other = await newPage();
    await other.goto(link);
    expect(new URL(other.url()).searchParams.get("error")).toBe("Verification");
  });

  test("an expired session goes to sign-in; an active one slides its expiry forward (updateAge)", async () => {
    const page = await newPage();
    await page.goto("/login");
    await signInWithPassword(page, "bob", "builder");
    await page.waitForURL("**/dashboard");
    const first = await sessionCookie(page);
    // Past updateAge: time is the subject, and it passes in the app's server process (a real clock).
    await page.waitForTimeout(TIMINGS.updateAge * 1000 + 1100);
    await page.reload();
    const renewed = await sessionCookie(page);
    expect(renewed?.value).toBe(first?.value);
    expect(renewed?.expires).toBeGreaterThan(first?.expires ?? Infinity);

    await app.expireSession(renewed?.value ?? "");
    await page.goto("/dashboard");
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  test("the backend's access token is refreshed once for five tabs, and a failed refresh shows the banner", async () => {
    const context = await app.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto("/login?callbackUrl=%2Fbackend");
    await signInWithPassword(page, "alice", "wonderland");
    await page.waitForURL("**/backend");
    await page.waitForFunction(() => document.querySelector("#fingerprint")?.textContent?.length === 8);
    const original = await page.textContent("#fingerprint");
    await page.close();

    // Wait until the token is due, then open five tabs at once (the app and the backend run on real clocks).
    await new Promise((resolve) => setTimeout(resolve, (TIMINGS.accessTtl - TIMINGS.refreshBuffer) * 1000 + 500));
    const before = { ...app.stack.backend.stats };
    const tabs = await Promise.all(Array.from({ length: 5 }, () => context.newPage()));
    const [tab] = tabs as [Page, ...Page[]];
    await Promise.all(tabs.map((tab) => tab.goto("/backend")));
    await Promise.all(tabs.map((tab) => tab.waitForFunction((old) => {
      const text = document.querySelector("#fingerprint")?.textContent ?? "";
      return text.length === 8 && text !== old;
    }, original)));
    expect(app.stack.backend.stats.refreshes - before.refreshes).toBe(1);
    expect(app.stack.backend.stats.reuseDetections).toBe(0);
    const fingerprints = await Promise.all(tabs.map((tab) => tab.textContent("#fingerprint")));
    expect(new Set(fingerprints).size).toBe(1);
    await app.shot(tab, "backend");
    await Promise.all(tabs.slice(1).map((tab) => tab.close()));

    // The backend goes down while the token expires: the session carries the error and the page says so.
    app.stack.backend.setDown(true);
    try {
      await tab.waitForSelector("#session-error", { timeout: TIMINGS.accessTtl * 1000 + 10_000 });
      expect(await tab.textContent("#session-error")).toContain("RefreshTokenError");
      await app.shot(tab, "session-error");
    } finally {
      app.stack.backend.setDown(false);
    }
  }, 60_000);

  test("signing out in one tab signs out the other within a second", async () => {
    const context = await app.newContext();
    contexts.push(context);
    const first = await context.newPage();
    await first.goto("/login?callbackUrl=%2Fclient");
    await signInWithPassword(first, "bob", "builder");
    await first.waitForSelector("text=authenticated: Bob Example");
    const second = await context.newPage();
    await second.goto("/client");
    await second.waitForSelector("text=authenticated: Bob Example");

    await first.click("#client-sign-out");
    await first.waitForURL(`${app.url}/`);
    await second.waitForURL((url) => url.pathname !== "/client", { timeout: 1000 });
  });

  test("'sign out other devices' ends the other browser's session on its next request", async () => {
    const laptop = await newPage();
    await laptop.goto("/login");
    await signInWithPassword(laptop, "bob", "builder");
    await laptop.waitForURL("**/dashboard");
    const phone = await newPage();
    await phone.goto("/login?callbackUrl=%2Fsessions");
    await signInWithPassword(phone, "bob", "builder");
    await phone.waitForSelector("#devices tr.current");
    expect(await phone.locator("#devices tbody tr").count()).toBeGreaterThanOrEqual(2);
    await phone.click("#revoke-others");
    await phone.waitForSelector("#revoke-message:has-text('Signed out')");
    await app.shot(phone, "sessions-revoked");
    expect(await phone.locator("#devices tbody tr").count()).toBe(1);

    await laptop.goto("/dashboard");
    expect(new URL(laptop.url()).pathname).toBe("/login");
    await phone.goto("/dashboard");
    expect(new URL(phone.url()).pathname).toBe("/dashboard");
  });

  test("a cross-site form cannot sign you out or update your session", async () => {
    const page = await newPage();
    await page.goto("/login");
    await signInWithPassword(page, "alice", "wonderland");
    await page.waitForURL("**/dashboard");

    // The attacker's page, on another site (127.0.0.1 is not localhost), posting to the app.
    const forms = (action: string, fields: Record<string, string>) =>
      `<form method="post" action="${app.url}${action}">${Object.entries(fields)
        .map(([name, value]) => `<input name="${name}" value="${value}">`)
        .join("")}</form><script>document.forms[0].submit()</script>`;
    const attacker: Server = createServer((req, res) => {
      const body = req.url === "/update" ? forms("/api/auth/session", { name: "pwned" }) : forms("/api/auth/signout", { callbackUrl: "/" });
      res.writeHead(200, { "content-type": "text/html" }).end(body);
    });
    attacker.listen(0, "127.0.0.1");
    await once(attacker, "listening");
    const evil = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    try {
      for (const path of ["/signout", "/update"]) {
        const response = page.waitForResponse((r) => r.url().startsWith(app.url) && r.request().method() === "POST");
        await page.goto(evil + path);
        expect((await response).status()).toBeGreaterThanOrEqual(300);
      }
    } finally {
      attacker.close();
    }
    const me = await (await page.request.get("/api/me")).json();
    expect(me).toMatchObject({ user: { name: "Alice Example" } });
  });

  // One app (and one build) for both: starting it is most of a suite's time.
  accountsSuite(() => app);

  test("no refresh token ever reached the browser", () => {
    expect(app.bodies.length).toBeGreaterThan(50);
    const refreshTokens = app.bodies.flatMap((body) =>
      [...body.matchAll(/eyJ[\w-]+\.(eyJ[\w-]+)\.[\w-]+/g)].filter((match) => {
        const claims = JSON.parse(Buffer.from(match[1] ?? "", "base64url").toString()) as { type?: string };
        return claims.type === "refresh";
      }),
    );
    expect(refreshTokens).toEqual([]);
    // Nor an access token: pages see a fingerprint of it.
    expect(app.bodies.filter((body) => /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/.test(body))).toEqual([]);
  });
});
