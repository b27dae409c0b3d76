/**
 * Seed 000 ("NextAuth 认证常见问题"): a next-auth 4 App Router app — §1.3's session options, §3's
 * `getServerSession` in an API route, §7.1's `ProtectedClient` with `useSession`, §7.2's server-checked
 * dashboard, §7.3's 401 API and the fetch that follows it to sign in. Built and served twice: with the real
 * next-auth 4.24 (the reference) and with only the import specifiers changed to Sesame's. Every test runs
 * against both; the article's claims are what they check.
 */
import { encode } from "next-auth/jwt";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { NextServer } from "../next/next-server.js";
import { HttpClient, launchChromium, LIBRARIES, startSeedApp, type Library } from "./harness.js";

const SECRET = "seed-000-secret-0123456789-abcdefghijklmnop";
const DAY = 24 * 60 * 60;
const COOKIE_PREFIX: Record<Library, string> = { "next-auth": "next-auth", sesame: "sesame" };

/** Seconds a Set-Cookie line keeps its cookie: next-auth writes Expires, Sesame Max-Age. */
function lifetimeOf(setCookie: string): number {
  const maxAge = /Max-Age=(\d+)/i.exec(setCookie)?.[1];
  if (maxAge) return Number(maxAge);
  return (Date.parse(/Expires=([^;]+)/i.exec(setCookie)![1]!) - Date.now()) / 1000;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(LIBRARIES)("seed 000 with %s", (library) => {
  let server: NextServer;
  const client = () => new HttpClient(server.base);
  const signedIn = async () => {
    const alice = client();
    const response = await alice.signIn({ username: "alice", password: "wonderland" }, "/dashboard");
    expect(response.status).toBe(302);
    return alice;
  };

  beforeAll(async () => {
    server = await startSeedApp("seed-000", library, 4, { runtimeEnv: (base) => ({ NEXTAUTH_URL: base, NEXTAUTH_SECRET: SECRET }) });
  }, 300_000);
  afterAll(() => server?.stop());

  test("§5.2, §7.2, §7.3: signed out, the dashboard redirects to /auth/signin and the orders API answers 401", async () => {
    const visitor = client();
    const dashboard = await visitor.fetch("/dashboard");
    expect(dashboard.status).toBe(307);
    expect(new URL(dashboard.headers.get("location")!, server.base).pathname).toBe("/auth/signin");
    const orders = await visitor.fetch("/api/orders");
    expect(orders.status).toBe(401);
    expect(await orders.json()).toEqual({ error: "Unauthorized" });
    expect(await (await visitor.fetch("/api/protected")).json()).toEqual({ session: null });
    // next-auth 4's client expects {} for "nobody", not null.
    expect(await visitor.session()).toEqual({});
  });

  test("§1: a credentials sign-in keeps the session in an HttpOnly cookie that lives session.maxAge (7 days)", async () => {
    const alice = client();
    const response = await alice.signIn({ username: "alice", password: "wonderland" }, "/dashboard");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${server.base}/dashboard`);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith(`${COOKIE_PREFIX[library]}.session-token=`));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(Math.abs(lifetimeOf(cookie!) - 7 * DAY)).toBeLessThan(60);

    const session = (await alice.session()) as { user: Record<string, unknown>; expires: string };
    // next-auth's shape: name, email, image — the user's id only when the app puts it there.
    expect(session.user).toEqual({ name: "Alice", email: "alice@example.com" });
    expect(Math.abs(Date.parse(session.expires) - (Date.now() + 7 * DAY * 1000))).toBeLessThan(60_000);
  });

  test("§3, §7.2, §7.3: signed in, getServerSession(authOptions) reads the cookie in pages and API routes", async () => {
    const alice = await signedIn();
    const dashboard = await alice.fetch("/dashboard");
    expect(dashboard.status).toBe(200);
    const html = await dashboard.text();
    expect(html).toMatch(/<h1>Welcome <!-- -->Alice<\/h1>/);
    expect(html).toMatch(/<p>Email: <!-- -->alice@example.com<\/p>/);
    expect(await (await alice.fetch("/api/orders")).json()).toEqual({ orders: [{ id: 1, item: "Book" }] });
    const { session } = (await (await alice.fetch("/api/protected")).json()) as { session: { user: { name: string } } };
    expect(session.user.name).toBe("Alice");
  });

  test("§6: the session and CSRF cookies, HttpOnly; the page the user wanted is where sign-in lands", async () => {
    const alice = client();
    await alice.csrf();
    const response = await alice.signIn({ username: "alice", password: "wonderland" }, "/dashboard");
    expect(response.headers.get("location")).toBe(`${server.base}/dashboard`);
    const prefix = COOKIE_PREFIX[library];
    // next-auth also keeps the callback URL in a cookie; Sesame carries it in the sign-in request itself
    // (and the OAuth state), so there is no third cookie to plant or leak.
    const callbackCookie = library === "next-auth" ? [`${prefix}.callback-url`] : [];
    expect([...alice.jar.keys()].sort()).toEqual([...callbackCookie, `${prefix}.csrf-token`, `${prefix}.session-token`]);
    const csrf = (await alice.fetch("/api/auth/csrf")).headers.getSetCookie();
    for (const line of [...response.headers.getSetCookie(), ...csrf].filter((line) => /(session|csrf)-token=/.test(line))) expect(line).toMatch(/HttpOnly/i);
  });

  test("§5.2: a wrong password, an expired session and a forged cookie all read as signed out", async () => {
    const mallory = client();
    // next-auth 4's way to the sign-in page: its error route, its sign-in route, then pages.signIn.
    let response = await mallory.signIn({ username: "alice", password: "guess" }, "/dashboard");
    const hops: string[] = [];
    while (response.status === 302) {
      const location = new URL(response.headers.get("location")!, server.base);
      hops.push(location.pathname + location.search);
      if (location.pathname === "/auth/signin") break;
      response = await mallory.fetch(location.href);
    }
    expect(hops).toEqual([
      "/api/auth/error?error=CredentialsSignin&provider=credentials",
      "/api/auth/signin?error=CredentialsSignin",
      `/auth/signin?${new URLSearchParams({ callbackUrl: `${server.base}/dashboard`, error: "CredentialsSignin" })}`,
    ]);
    expect(mallory.sessionCookie()).toBeUndefined();

    // A next-auth 4 session of Alice's that expired a minute ago, then one that has not: Sesame reads
    // next-auth's cookies (the migration), so the same cookie means the same to both apps.
    const token = { name: "Alice", email: "alice@example.com", sub: "1" };
    for (const [maxAge, status] of [
      [-60, 307],
      [60, 200],
    ] as const) {
      const visitor = client();
      visitor.jar.set("next-auth.session-token", await encode({ token, secret: SECRET, maxAge }));
      expect((await visitor.fetch("/dashboard")).status).toBe(status);
    }
    const forger = client();
    forger.jar.set(`${COOKIE_PREFIX[library]}.session-token`, "forged");
    expect((await forger.fetch("/api/orders")).status).toBe(401);
  });

  describe("in Chromium", () => {
    let page: Page;
    const errors: string[] = [];
    beforeAll(async () => {
      const context = await browser.newContext({ baseURL: server.base });
      page = await context.newPage();
      // A refused fetch (the orders API's 401 while signed out) is the article's design, and shows here only
      // as "Failed to load resource"; anything else the client logs (next-auth's CLIENT_FETCH_ERROR) is not.
      page.on("console", (message) => {
        if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(message.text());
      });
    });
    afterAll(async () => {
      await page?.context().close();
    });

    test("§7.1, §7.3: signed out, ProtectedClient and the orders page send the user to /auth/signin", async () => {
      await page.goto("/dashboard-client");
      await page.waitForURL("**/auth/signin");
      await page.goto("/orders");
      await page.waitForURL("**/auth/signin");
    });

    test("§7.1: after signing in, ProtectedClient renders its children; the orders page shows the orders", async () => {
      await page.goto("/auth/signin?callbackUrl=/dashboard-client");
      await page.fill("input[name=username]", "alice");
      await page.fill("input[name=password]", "wonderland");
      await page.click("button[type=submit]");
      await page.waitForURL("**/dashboard-client");
      await expect(page.locator("h1").textContent()).resolves.toBe("Dashboard");
      await page.goto("/orders");
      await page.waitForFunction(() => document.querySelector("#orders")?.textContent !== "");
      expect(JSON.parse((await page.locator("#orders").textContent())!)).toEqual({ orders: [{ id: 1, item: "Book" }] });
      await page.goto("/dashboard");
      await expect(page.locator("h1").textContent()).resolves.toBe("Welcome Alice");
      // The client asked /session, /csrf and /providers on the way: nothing it did not understand.
      expect(errors).toEqual([]);
    });
  });
});
