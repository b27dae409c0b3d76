/**
 * Seed 004 ("Auth.js 的 Session 在 Edge 端如何处理？"): an Auth.js v5 App Router app — §2's JWT session config
 * (`auth.ts`), §3's three middlewares (sign-in redirect, role check, request headers read by a Server
 * Component), §5's Redis blacklist middleware, the ProfileUpdater that calls `update()`, and the mixed
 * strategy's `getSession()`. Built and served twice: with the real next-auth 5.0.0-beta.32 (the reference)
 * and with only the import specifiers changed to Sesame's. Every test runs against both. The inventory of
 * the article's blocks, and why some are not apps, is in README.md.
 */
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { NextServer } from "../next/next-server.js";
import { decode as authjsDecode, encode as authjsEncode } from "../../../../apps/bench/next-auth/node_modules/@auth/core/jwt.js";
import { decode as sesameDecode, encode as sesameEncode } from "../../src/jwt.js";
import { HttpClient, launchChromium, LIBRARIES, startSeedApp, type Library } from "./harness.js";

const SECRET = "seed-004-secret-0123456789-abcdefghijklmnop";
const DAY = 24 * 60 * 60;
/** Fresh usernames, so fresh user ids and fresh `blacklist:<id>` keys in the shared Redis, per run. */
const RUN = randomUUID().slice(0, 8);
/** The session cookie's name: Sesame names its cookies `sesame.*` where Auth.js writes `authjs.*`. */
const SESSION_COOKIE: Record<Library, string> = { "next-auth": "authjs.session-token", sesame: "sesame.session-token" };

const redis = createClient({ url: "redis://127.0.0.1:6379" });
let relay: Server;
let browser: Browser;

beforeAll(async () => {
  await redis.connect();
  // The app's `@/lib/redis` on the Edge speaks HTTP (no TCP sockets there); this relays `GET /get/<key>` to
  // the real Redis.
  relay = createServer((request, response) => {
    const key = decodeURIComponent(request.url!.slice("/get/".length));
    redis.get(key).then(
      (value) => response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ value })),
      () => response.writeHead(502).end(),
    );
  }).listen(0, "127.0.0.1");
  await once(relay, "listening");
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  relay?.close();
  await redis.quit();
});

describe.each(LIBRARIES)("seed 004 with %s", (library) => {
  let server: NextServer;
  /** A visitor whose requests go through the article's middleware `which` (middleware.ts dispatches). */
  const client = () => new HttpClient(server.base);
  const via = (which: "basic" | "role" | "headers" | "blacklist") => ({ headers: { "x-seed-middleware": which } });
  const signedIn = async (name: string) => {
    const user = client();
    const response = await user.signIn({ username: `${name}-${library}-${RUN}`, password: "secret" }, "/dashboard");
    expect(response.status).toBe(302);
    expect(user.sessionCookie()).toBeDefined();
    return { user, id: `id-${name}-${library}-${RUN}`, username: `${name}-${library}-${RUN}` };
  };
  /** A credentials sign-in through the Auth.js config mounted at `basePath` (§4 and §5's fragments). */
  const signedInAt = async (basePath: string, name: string) => {
    const user = client();
    const { csrfToken } = (await (await user.fetch(`${basePath}/csrf`)).json()) as { csrfToken: string };
    const username = `${name}-${library}-${RUN}`;
    const response = await user.fetch(`${basePath}/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${server.base}/`, username, password: "secret" }),
    });
    expect(response.status).toBe(302);
    return { user, id: `id-${username}`, username };
  };
  /** The claims in the session cookie, decrypted as the library that wrote it does. */
  const claimsOf = async (user: HttpClient) => {
    const token = user.jar.get(SESSION_COOKIE[library])!;
    const claims = library === "next-auth" ? await authjsDecode({ token, secret: SECRET, salt: SESSION_COOKIE[library] }) : await sesameDecode({ token, secret: SECRET });
    expect(claims).not.toBeNull();
    return claims!;
  };
  const locationOf = (response: Response) => {
    const location = new URL(response.headers.get("location")!, server.base);
    return location.pathname + location.search;
  };

  beforeAll(async () => {
    const port = (relay.address() as AddressInfo).port;
    server = await startSeedApp("seed-004", library, 5, { env: { AUTH_SECRET: SECRET, AUTH_TRUST_HOST: "true", SEED_REDIS_REST: `http://127.0.0.1:${port}` } });
  }, 300_000);
  afterAll(() => server?.stop());

  test("§1, §3: the middleware is built for the Edge runtime (the JWT strategy needs no database there)", () => {
    const dir = fileURLToPath(new URL(`./.build/seed-004-${library}`, import.meta.url));
    const manifest = JSON.parse(readFileSync(`${dir}/.next/server/middleware-manifest.json`, "utf8")) as { middleware: Record<string, { files: string[] }> };
    const files = Object.values(manifest.middleware).flatMap((entry) => entry.files);
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((file) => file.startsWith("server/edge/"))).toBe(true);
  });

  test("§3 基本用法, 角色检查, 添加自定义头: signed out, /dashboard and /admin redirect to /login", async () => {
    const visitor = client();
    for (const which of ["basic", "role", "headers"] as const) {
      for (const path of ["/dashboard", "/admin", "/dashboard/settings"]) {
        const response = await visitor.fetch(path, via(which));
        expect(response.status, `${which} ${path}`).toBe(307);
        expect(locationOf(response)).toBe("/login");
      }
    }
    // Outside the matcher the middleware does not run.
    expect((await visitor.fetch("/unauthorized", via("role"))).status).toBe(200);
    expect(await visitor.session()).toBeNull();
  });

  test("§2: a sign-in puts id and role in the JWT (jwt callback) and the session (session callback); maxAge 30 days", async () => {
    const { user, id, username } = await signedIn("alice");
    expect([...user.jar.keys()]).toContain(SESSION_COOKIE[library]);
    const session = (await user.session()) as { user: Record<string, unknown>; expires: string };
    expect(session.user).toEqual({ name: username, email: `${username}@example.com`, id, role: "user" });
    expect(Math.abs(Date.parse(session.expires) - (Date.now() + 30 * DAY * 1000))).toBeLessThan(60_000);
  });

  test("§3 角色检查: a user reaches /dashboard and is sent from /admin to /unauthorized; an admin reaches /admin", async () => {
    const { user } = await signedIn("alice");
    expect((await user.fetch("/dashboard", via("role"))).status).toBe(200);
    const refused = await user.fetch("/admin", via("role"));
    expect(refused.status).toBe(307);
    expect(locationOf(refused)).toBe("/unauthorized");
    // The basic middleware checks only that someone is signed in.
    expect((await user.fetch("/admin", via("basic"))).status).toBe(200);
    const { user: admin } = await signedIn("admin");
    const page = await admin.fetch("/admin", via("role"));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<h1>Admin</h1>");
  });

  test("§3 添加自定义头: the middleware's x-user-id reaches the Server Component through headers()", async () => {
    const { user, id } = await signedIn("alice");
    const html = await (await user.fetch("/dashboard", via("headers"))).text();
    expect(html).toContain(`<div>User ID: <!-- -->${id}</div>`);
    // The role-check middleware adds no header: the page has no id to show.
    expect(await (await user.fetch("/dashboard", via("role"))).text()).toContain("<div>User ID: </div>");
  });

  test("§5 解决方案 2: the blacklist middleware sends a user whose blacklist:<id> is set in Redis to /login", async () => {
    const { user, id } = await signedIn("bob");
    const key = `blacklist:${id}`;
    try {
      expect((await user.fetch("/dashboard", via("blacklist"))).status).toBe(200);
      await redis.set(key, "1", { EX: 300 });
      const refused = await user.fetch("/dashboard", via("blacklist"));
      expect(refused.status).toBe(307);
      expect(locationOf(refused)).toBe("/login");
      // The JWT itself is still valid (the article's point: it cannot be revoked, only checked against a list).
      expect(((await user.session()) as { user: { id: string } }).user.id).toBe(id);
      await redis.del(key);
      expect((await user.fetch("/dashboard", via("blacklist"))).status).toBe(200);
      // Signed out, this middleware lets the request through (it only checks the blacklist).
      expect((await client().fetch("/dashboard", via("blacklist"))).status).toBe(200);
    } finally {
      await redis.del(key);
    }
  });

  test("§4 敏感信息处理 ❌: as the article warns, this jwt callback puts the password and the card number in the session token", async () => {
    const { user, username } = await signedInAt("/api/auth-sensitive", "erin");
    const claims = await claimsOf(user);
    expect(claims.password).toBe("secret");
    expect(claims.creditCard).toBe("4111 1111 1111 1111");
    // Encrypted, so not readable in the cookie itself, and not in the session the client sees.
    expect(user.jar.get(SESSION_COOKIE[library])).not.toContain("4111");
    const session = (await (await user.fetch("/api/auth-sensitive/session")).json()) as { user: Record<string, unknown> };
    expect(session.user).toEqual({ name: username, email: `${username}@example.com` });
  });

  test("§4 ✅, §5 限制 2 ✅: the token holds the id and role only; the session callback adds getUserDetails' id and email", async () => {
    const { user, id, username } = await signedInAt("/api/auth-details", "frank");
    const claims = await claimsOf(user);
    expect(claims).toMatchObject({ id, role: "user", name: username, email: `${username}@example.com` });
    expect(claims).not.toHaveProperty("password");
    expect(claims).not.toHaveProperty("creditCard");
    const session = (await (await user.fetch("/api/auth-details/session")).json()) as { user: Record<string, unknown> };
    expect(session.user).toEqual({ name: username, email: `${username}@example.com`, id });
  });

  test("§5 解决方案 3 (版本号): once the database's tokenVersion moves on, the session callback throws and the old token gives no session", async () => {
    const { id, username } = await signedIn("gina");
    // The token of the article's app, where §2's jwt callback adds the id this fragment's session callback reads.
    const claims = { sub: id, id, role: "user", name: username, email: `${username}@example.com`, version: 1 };
    const cookie = library === "next-auth" ? await authjsEncode({ token: claims, secret: SECRET, salt: SESSION_COOKIE[library] }) : await sesameEncode({ token: claims, secret: SECRET });
    const holder = client();
    holder.jar.set(SESSION_COOKIE[library], cookie);
    const before = (await (await holder.fetch("/api/auth-version/session")).json()) as { user: Record<string, unknown> };
    expect(before.user).toEqual({ name: username, email: `${username}@example.com` });
    expect((await holder.fetch("/api/glue/bump-version", { method: "POST", body: JSON.stringify({ id }) })).status).toBe(200);
    const after = await holder.fetch("/api/auth-version/session");
    // The old token no longer gives a session, which is the article's point, and both libraries answer as
    // next-auth 5 does: "no session", the cookie deleted (next-auth logs JWTSessionError, Sesame SessionTokenError).
    expect(after.status).toBe(200);
    expect(await after.json()).toBeNull();
    const cleared = library === "next-auth" ? /^authjs\.session-token=; Max-Age=0;/ : /^sesame\.session-token=; Max-Age=0;/;
    expect(after.headers.getSetCookie()).toEqual([expect.stringMatching(cleared)]);
  });

  test("§4 Token 过期: a token within its exp reads through that config; an expired one gives no session", async () => {
    const { user, id, username } = await signedIn("hank");
    const read = async (holder: HttpClient) => (await holder.fetch("/api/glue/expiry-session")).json() as Promise<{ user: Record<string, unknown>; expires: string } | null>;
    const session = await read(user);
    expect(session!.user).toEqual({ name: username, email: `${username}@example.com` });
    // The token was issued by auth.ts (30 days) and is read through this config (7 days). next-auth 5 writes
    // the session cookie anew on every read, with this config's maxAge, so the session ends 7 days from now;
    // Sesame renews the cookie only once `updateAge` (a day) has passed and until then reports the token's
    // own expiry — 30 days, as auth.ts issued it.
    const days = (Date.parse(session!.expires) - Date.now()) / (DAY * 1000);
    expect(days).toBeCloseTo(library === "next-auth" ? 7 : 30, 1);
    // Expired a minute ago: the library refuses it before the jwt callback, whose own check would too.
    const claims = { sub: id, id, role: "user", name: username, email: `${username}@example.com` };
    const expired = library === "next-auth" ? await authjsEncode({ token: claims, secret: SECRET, salt: SESSION_COOKIE[library], maxAge: -60 }) : await sesameEncode({ token: claims, secret: SECRET, maxAge: -60 });
    const holder = client();
    holder.jar.set(SESSION_COOKIE[library], expired);
    expect(await read(holder)).toBeNull();
  });

  test("§5 限制 3 解决方案 3: getSession() merges what the database says now; the JWT keeps the name of the sign-in", async () => {
    const { user, id, username } = await signedIn("carol");
    const update = await user.fetch("/api/user/update", { method: "POST", body: JSON.stringify({ name: "Carol Renamed" }) });
    expect(update.status).toBe(200);
    const html = await (await user.fetch("/latest")).text();
    const json = (name: string) => JSON.parse(new RegExp(`id="${name}">([^<]*)<`).exec(html)![1]!.replaceAll("&quot;", '"')) as Record<string, unknown>;
    expect(json("mixed")).toEqual({ name: "Carol Renamed", email: `${username}@example.com`, id, role: "user" });
    expect(json("plain")).toEqual({ name: username, email: `${username}@example.com`, id, role: "user" });
  });

  test("§5 限制 3 解决方案 1 (Chromium): ProfileUpdater posts the update, then update() reads the session again", async () => {
    const { user, username } = await signedIn("dave");
    const context = await browser.newContext({ baseURL: server.base });
    try {
      await context.addCookies([...user.jar].map(([name, value]) => ({ name, value, url: server.base })));
      const page = await context.newPage();
      const errors: string[] = [];
      // The browser asks for /favicon.ico, which the app has not: "Failed to load resource" is that 404.
      page.on("console", (message) => {
        if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(message.text());
      });
      await page.goto("/profile");
      await page.waitForSelector('#name[data-status="authenticated"]');
      expect(await page.locator("#name").textContent()).toBe(username);
      const posted = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/user/update");
      const reread = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/auth/session");
      await page.click("button");
      expect((await posted).status()).toBe(200);
      const response = await reread;
      // `update()` without data is a plain read of the session (Auth.js's client POSTs, with trigger
      // "update", only when given data to send), so the article's `trigger === "update"` branch does not run.
      expect(response.request().method()).toBe("GET");
      expect(response.status()).toBe(200);
      // The JWT still has the name of the sign-in (the article's "限制 3"), though the database has the new one.
      expect(((await response.json()) as { user: { name: string } }).user.name).toBe(username);
      expect(await page.locator("#name").textContent()).toBe(username);
      expect(await (await user.fetch("/latest")).text()).toContain("New Name");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
