/**
 * A NextAuth v4 Pages Router app (test/next/fixture-pages), built with `next build` and served by
 * `next start`, driven over HTTP: seed 002's `export default NextAuth(authOptions)` as the API route, the
 * one-call `NextAuth(req, res, options)` with the body parser off, `sesame-auth/middleware` as the v4
 * middleware one-liner, and `getServerSession` / `unstable_getServerSession` / `getSession(ctx)` /
 * `getCsrfToken(ctx)` / `getProviders()` in `getServerSideProps`. The real next-auth 4.24.13 is the
 * reference in the same tests: its own API route in the same app, and its middleware and client run here.
 */
import { request as httpRequest } from "node:http";
import { NextRequest } from "next/server.js";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { fileURLToPath } from "node:url";
import { getCsrfToken, getProviders, getSession } from "../../src/react/client.js";
import { startNextApp, type NextServer } from "./next-server.js";

const fixture = fileURLToPath(new URL("./fixture-pages", import.meta.url));
const SECRET = "fixture-secret-0123456789-abcdefghijklmnop";

let server: NextServer;
let base: string;
type Middleware = (request: NextRequest) => Promise<Response | undefined>;
let nextAuthMiddleware: Middleware;
let nextAuthClient: { getSession(params: unknown): Promise<unknown>; getCsrfToken(params: unknown): Promise<unknown>; getProviders(): Promise<unknown> };

beforeAll(async () => {
  server = await startNextApp(fixture, { runtimeEnv: (url) => ({ NEXTAUTH_URL: url, NEXTAUTH_SECRET: SECRET }) });
  base = server.base;
  // next-auth reads its environment when its modules load: the same app URL and secret as the server's.
  vi.stubEnv("NEXTAUTH_URL", base);
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
  nextAuthMiddleware = ((await import("next-auth/middleware")) as unknown as { default: Middleware }).default;
  nextAuthClient = (await import("next-auth/react")) as unknown as typeof nextAuthClient;
}, 300_000);

afterAll(() => {
  server?.stop();
  vi.unstubAllEnvs();
});

/** A browser's cookie jar against the fixture. */
class Client {
  jar = new Map<string, string>();
  get cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  async fetch(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.jar.size) headers.set("cookie", this.cookie);
    const response = await fetch(base + path, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const eq = pair.indexOf("=");
      if (/Max-Age=0/i.test(cookie) || /Expires=Thu, 01 Jan 1970/i.test(cookie)) this.jar.delete(pair.slice(0, eq));
      else this.jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  }
  async csrf(api = "/api/auth") {
    return ((await (await this.fetch(`${api}/csrf`)).json()) as { csrfToken: string }).csrfToken;
  }
  post(path: string, body: BodyInit, headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" }) {
    return this.fetch(path, { method: "POST", headers, body });
  }
  async signIn(api = "/api/auth", fields: Record<string, string> = {}) {
    const csrfToken = await this.csrf(api);
    return this.post(`${api}/callback/credentials`, new URLSearchParams({ csrfToken, username: "alice", password: "wonderland", ...fields }));
  }
}

/** A refusal, the same whether answered as JSON (an API client) or as a redirect to the error page (a form). */
const errorOf = async (response: Response) =>
  response.status === 302 ? new URL(response.headers.get("location")!).searchParams.get("error") : ((await response.json()) as { error?: string }).error;

const decodeHtml = (text: string) => text.replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("&#x27;", "'");
const element = (html: string, id: string) => decodeHtml(new RegExp(`<pre id="${id}">([^<]*)</pre>`).exec(html)?.[1] ?? "null");

describe("export default NextAuth(authOptions) in pages/api/auth/[...nextauth].ts", () => {
  test("serves the whole API through req/res, as the real next-auth 4 route in the same app does", async () => {
    for (const api of ["/api/auth", "/api/reference"]) {
      const client = new Client();
      const providers = await client.fetch(`${api}/providers`);
      expect(providers.status).toBe(200);
      expect(await providers.json()).toHaveProperty("credentials.id", "credentials");
      // The form post: a 302 to the callbackUrl, the session cookie with it.
      const signedIn = await client.signIn(api, { callbackUrl: `${base}/protected` });
      expect([api, signedIn.status, signedIn.headers.get("location")]).toEqual([api, 302, `${base}/protected`]);
      const session = (await (await client.fetch(`${api}/session`)).json()) as { user: Record<string, string> };
      expect(session.user).toMatchObject({ name: "alice", email: "alice@example.com" });
      // The v4 client's `json: true`: the same sign-in answered as { url }.
      const asJson = await new Client().signIn(api, { callbackUrl: `${base}/protected`, json: "true" });
      expect([api, asJson.status, await asJson.json()]).toEqual([api, 200, { url: `${base}/protected` }]);
    }
  });

  test("a JSON body (parsed by Next.js) signs in as a form does; signing out clears the session", async () => {
    const client = new Client();
    const csrfToken = await client.csrf();
    const response = await client.post("/api/auth/callback/credentials", JSON.stringify({ csrfToken, username: "alice", password: "wonderland", json: "true" }), { "content-type": "application/json" });
    expect(response.status).toBe(200);
    expect(client.jar.has("sesame.session-token")).toBe(true);
    const out = await client.post("/api/auth/signout", new URLSearchParams({ csrfToken, json: "true" }));
    expect(out.status).toBe(200);
    expect(client.jar.has("sesame.session-token")).toBe(false);
    // Mounted the next-auth 4 way, it answers as next-auth 4 does when signed out: `{}` (see `wire`).
    expect(await (await client.fetch("/api/auth/session")).json()).toEqual({});
  });

  test("NextAuth(req, res, options) with bodyParser off reads the stream; every Set-Cookie reaches the browser, the app's own first", async () => {
    const client = new Client();
    const response = await client.signIn("/api/raw", { json: "true" });
    expect(response.status).toBe(200);
    const cookies = response.headers.getSetCookie();
    expect(cookies[0]).toBe("app-cookie=kept; Path=/");
    expect(cookies.some((c) => c.startsWith("sesame.session-token="))).toBe(true);
    expect(((await (await client.fetch("/api/raw/session")).json()) as { user: { name: string } }).user.name).toBe("alice");
  });
});

describe("hostile bodies, through both routes (Next.js's parsed body and the raw stream)", () => {
  const routes = ["/api/auth", "/api/raw"];

  test("a repeated field reads as it does in a raw form: the last one counts", async () => {
    for (const api of routes) {
      const client = new Client();
      const csrfToken = await client.csrf(api);
      const last = await client.post(`${api}/callback/credentials`, `csrfToken=wrong&csrfToken=${csrfToken}&username=alice&password=wonderland&json=true`);
      expect([api, last.status]).toEqual([api, 200]);
      const first = await client.post(`${api}/callback/credentials`, `csrfToken=${csrfToken}&csrfToken=wrong&username=alice&password=wonderland&json=true`);
      expect([api, first.status, ((await first.json()) as { error: string }).error]).toEqual([api, 403, "MissingCSRF"]);
    }
  });

  test("a body over 64 KB is InvalidRequest (announced, or chunked without a length), never a hang or a 500", async () => {
    for (const api of routes) {
      const client = new Client();
      const csrfToken = await client.csrf(api);
      const big = `csrfToken=${csrfToken}&username=alice&password=wonderland&json=true&pad=${"a".repeat(100_000)}`;
      // The body is unread, so whether the client wanted JSON is unknown: the form's answer, a redirect.
      const announced = await client.post(`${api}/callback/credentials`, big);
      expect([api, announced.status, await errorOf(announced)]).toEqual([api, 302, "InvalidRequest"]);
      const bytes = new TextEncoder().encode(big);
      const chunked = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 8192) controller.enqueue(bytes.slice(at, at + 8192));
          controller.close();
        },
      });
      const streamed = await client.fetch(`${api}/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: chunked,
        duplex: "half",
      } as RequestInit);
      expect([api, streamed.status, await errorOf(streamed)]).toEqual([api, 302, "InvalidRequest"]);
      expect(client.jar.has("sesame.session-token")).toBe(false);
    }
  });

  test("JSON that is not an object, or malformed, is InvalidRequest", async () => {
    for (const api of routes) {
      const client = new Client();
      // `"{\"csrfToken\":…}"` is a JSON string, not an object, even once Next.js has parsed it.
      for (const body of ["[1,2]", '"text"', "null", JSON.stringify(JSON.stringify({ csrfToken: "x", data: {} }))]) {
        const response = await client.post(`${api}/session`, body, { "content-type": "application/json" });
        expect([api, body, response.status, ((await response.json()) as { error: string }).error]).toEqual([api, body, 400, "InvalidRequest"]);
      }
    }
    // Malformed JSON: Next.js's body parser refuses it before the route runs; the raw route refuses it itself.
    expect((await new Client().post("/api/auth/session", "{", { "content-type": "application/json" })).status).toBe(400);
    const raw = await new Client().post("/api/raw/session", "{", { "content-type": "application/json" });
    expect([raw.status, ((await raw.json()) as { error: string }).error]).toEqual([400, "InvalidRequest"]);
  });

  test("callbackUrl: CR/LF cannot inject a header, another site is refused", async () => {
    const client = new Client();
    const injected = await client.signIn("/api/auth", { callbackUrl: "/x\r\nSet-Cookie: pwned=1" });
    expect(injected.status).toBe(302);
    expect(injected.headers.get("location")).not.toMatch(/[\r\n]/);
    expect(new URL(injected.headers.get("location")!).origin).toBe(base);
    expect(injected.headers.getSetCookie().some((c) => c.includes("pwned"))).toBe(false);
    const offsite = await new Client().signIn("/api/auth", { callbackUrl: "https://evil.example/" });
    expect(new URL(offsite.headers.get("location")!).origin).toBe(base);
  });

  test("a Host header carrying a path does not choose the route", async () => {
    const client = new Client();
    await client.signIn();
    const body = await new Promise<string>((resolve, reject) => {
      const url = new URL(`${base}/api/auth/session`);
      const request = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, headers: { host: `${url.host}/api/auth/signout#`, cookie: client.cookie } }, (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk));
        response.on("end", () => resolve(text));
      });
      request.on("error", reject);
      request.end();
    });
    expect((JSON.parse(body) as { user: { name: string } }).user.name).toBe("alice");
  });
});

describe("sesame-auth/middleware as the v4 one-liner (import m from …; export default m)", () => {
  const sameAsNextAuth = async (path: string) => {
    const ours = await fetch(base + path, { redirect: "manual" });
    const theirs = await nextAuthMiddleware(new NextRequest(base + path));
    expect(theirs).toBeDefined();
    expect(ours.status).toBe(theirs!.status);
    // Compared without the origin: NextRequest spells a loopback host `localhost`.
    const target = (response: Response) => {
      const url = new URL(response.headers.get("location")!, base);
      return url.pathname + url.search;
    };
    expect(target(ours)).toBe(target(theirs!));
    return ours;
  };

  test("no token: the same redirect to sign-in with callbackUrl as next-auth's middleware, CR/LF kept encoded", async () => {
    const redirected = await sameAsNextAuth("/protected?tab=1");
    expect(redirected.status).toBe(307);
    expect(new URL(redirected.headers.get("location")!, base).href).toBe(`${base}/api/auth/signin?callbackUrl=%2Fprotected%3Ftab%3D1`);
    const injected = await sameAsNextAuth("/protected/%0d%0aSet-Cookie:%20pwned=1");
    expect(injected.headers.getSetCookie()).toEqual([]);
  });

  test("the auth API stays reachable through it, as with next-auth; /api/authority does not", async () => {
    for (const path of ["/api/auth/csrf", "/api/auth/providers"]) {
      expect(await nextAuthMiddleware(new NextRequest(base + path))).toBeUndefined();
      expect([path, (await fetch(base + path, { redirect: "manual" })).status]).toEqual([path, 200]);
    }
    // next-auth matches the auth API by string prefix and lets /api/authority through; Sesame by path segment.
    expect(await nextAuthMiddleware(new NextRequest(`${base}/api/authority`))).toBeUndefined();
    expect((await fetch(`${base}/api/authority`, { redirect: "manual" })).status).toBe(307);
  });

  test("a valid session token passes; a tampered one is no token", async () => {
    const client = new Client();
    await client.signIn();
    expect((await client.fetch("/protected")).status).toBe(200);
    const token = client.jar.get("sesame.session-token")!;
    client.jar.set("sesame.session-token", `${token.slice(0, -4)}AAAA`);
    expect((await client.fetch("/protected")).status).toBe(307);
  });
});

describe("the session, the CSRF token and the providers on the server (NEXTAUTH_URL)", () => {
  test("getServerSideProps: getServerSession(req, res), unstable_getServerSession and getSession(ctx) read the same session", async () => {
    const client = new Client();
    await client.signIn();
    const { server: viaServer, unstable, client: viaClient } = JSON.parse(element(await (await client.fetch("/protected")).text(), "reads")) as Record<string, { user: Record<string, string> }>;
    expect(viaServer?.user).toMatchObject({ name: "alice", email: "alice@example.com" });
    expect(unstable).toEqual(viaServer);
    expect(viaClient).toEqual(viaServer);
  });

  test("NextAuth v4's custom sign-in page: getCsrfToken(ctx) is the token of the browser's cookie, and its form signs in", async () => {
    const client = new Client();
    const csrfToken = await client.csrf();
    const html = await (await client.fetch("/login")).text();
    expect(/id="csrf"[^>]*value="([^"]*)"/.exec(html)?.[1]).toBe(csrfToken);
    expect(Object.keys(JSON.parse(element(html, "providers")) as object)).toEqual(["credentials"]);
    const response = await client.post("/api/auth/callback/credentials", new URLSearchParams({ csrfToken, username: "alice", password: "wonderland" }));
    expect(response.status).toBe(302);
    expect(client.jar.has("sesame.session-token")).toBe(true);
  });

  test("sesame-auth/react's getSession({ req }) / getCsrfToken({ req }) / getProviders() answer what next-auth/react's do", async () => {
    const client = new Client();
    await client.signIn();
    const req = { headers: { cookie: client.cookie } };
    const session = await getSession({ req });
    expect(session?.user?.name).toBe("alice");
    expect(session).toEqual(await nextAuthClient.getSession({ req }));
    expect(await getSession({ ctx: { req } })).toEqual(session);
    const csrfToken = await getCsrfToken({ req });
    expect(csrfToken).toBe(client.jar.get("sesame.csrf-token")!.split("%7C")[0]!.split("|")[0]);
    expect(csrfToken).toBe(await nextAuthClient.getCsrfToken({ req }));
    expect(await getProviders()).toEqual(await nextAuthClient.getProviders());
    // Without a request, as signed out: nothing of the signed-in call was kept for another caller.
    expect(await getSession()).toBeNull();
  });
});
