/**
 * Moving a middleware-first NextAuth app: `getToken`, `decode` and `withAuth` read the session cookies the
 * real next-auth 4.24 and Auth.js v5 (@auth/core 0.41) packages write, with every check of the auth routes'
 * migration (expiry, revocation, no extension); and an app that keeps next-auth's cookie name
 * (`cookies.sessionToken.name`) keeps its users signed in. Issue 30, "Next.js", third bullet.
 */
import { encode as authjsEncode } from "@auth/core/jwt";
import { NextRequest } from "next/server.js";
import { encode as v4Encode, getToken as v4GetToken } from "next-auth/jwt";
import { Auth, MemoryRevocationStore, revokeUserSessions, type SesameConfig } from "sesame-auth";
import { decode, getToken } from "sesame-auth/jwt";
import { withAuth } from "sesame-auth/next";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";

const SECRET = "shared-secret-of-the-app-0123456789abcdef";
const OTHER_SECRET = "some-other-secret-0123456789abcdefghij";
const ORIGIN = "http://localhost:3000";
const claims = { name: "Alice", email: "alice@example.com", picture: "https://example.com/a.png", sub: "42", role: "admin" };
const config = (overrides: Partial<SesameConfig> = {}): SesameConfig => ({ secret: SECRET, trustHost: true, providers: [], ...overrides });

const v4Cookie = (token: string, name = "next-auth.session-token") => `${name}=${token}`;
const authjs = (name: string, token: Record<string, unknown> = claims, secret = SECRET) => authjsEncode({ token, secret, salt: name });
const request = (cookie: string, origin = ORIGIN) => new Request(`${origin}/dashboard`, { headers: { cookie } });

beforeEach(() => vi.stubEnv("AUTH_SECRET", SECRET));
afterEach(() => vi.unstubAllEnvs());

describe("getToken({ req }) with the secret alone", () => {
  test("reads next-auth 4's cookie as next-auth 4's own getToken does, on http and https", async () => {
    const token = await v4Encode({ token: claims, secret: SECRET });
    for (const name of ["next-auth.session-token", "__Secure-next-auth.session-token"]) {
      const req = request(v4Cookie(token, name), name.startsWith("__Secure-") ? "https://app.example.com" : ORIGIN);
      const reference = await v4GetToken({ req: new NextRequest(req) as never, secret: SECRET, secureCookie: name.startsWith("__Secure-") });
      expect(reference).toMatchObject(claims);
      expect(await getToken({ req })).toEqual(reference);
      expect(await getToken({ req, raw: true })).toBe(token);
    }
  });

  test("reads Auth.js v5's cookie on http and https, and a chunked one joined (raw: the joined token)", async () => {
    for (const name of ["authjs.session-token", "__Secure-authjs.session-token"]) {
      expect(await getToken({ req: request(`${name}=${await authjs(name)}`) })).toMatchObject(claims);
    }
    const big = await authjs("authjs.session-token", { ...claims, blob: "x".repeat(5000) });
    const half = Math.ceil(big.length / 2);
    const req = request(`authjs.session-token.0=${big.slice(0, half)}; authjs.session-token.1=${big.slice(half)}`);
    expect(await getToken({ req })).toMatchObject({ sub: "42", blob: "x".repeat(5000) });
    expect(await getToken({ req, raw: true })).toBe(big);
  });

  test("refuses another secret, a tampered or reordered chunk, an expired token, and another generation's cookie under a name", async () => {
    expect(await getToken({ req: request(v4Cookie(await v4Encode({ token: claims, secret: OTHER_SECRET }))) })).toBeNull();
    expect(await getToken({ req: request(v4Cookie(await v4Encode({ token: claims, secret: SECRET, maxAge: -3600 }))) })).toBeNull();
    const big = await authjs("authjs.session-token", { ...claims, blob: "x".repeat(5000) });
    const half = Math.ceil(big.length / 2);
    const swapped = `authjs.session-token.0=${big.slice(half)}; authjs.session-token.1=${big.slice(0, half)}`;
    expect(await getToken({ req: request(swapped), raw: true })).toBeNull();
    const tampered = `authjs.session-token.0=${big.slice(0, half)}; authjs.session-token.1=${big.slice(half, -4)}AAAA`;
    expect(await getToken({ req: request(tampered) })).toBeNull();
    // An extra chunk glued on by whoever can set a cookie is no longer the token.
    expect(await getToken({ req: request(`authjs.session-token.0=${big.slice(0, half)}; authjs.session-token.1=${big.slice(half)}; authjs.session-token.2=AAAA`) })).toBeNull();
    // Auth.js binds its key to the cookie name: its http token under the __Secure- name, or under next-auth's, is nothing.
    const httpToken = await authjs("authjs.session-token");
    expect(await getToken({ req: request(`__Secure-authjs.session-token=${httpToken}`) })).toBeNull();
    expect(await getToken({ req: request(v4Cookie(httpToken)) })).toBeNull();
    // And next-auth 4's token under Auth.js's name.
    expect(await getToken({ req: request(`authjs.session-token=${await v4Encode({ token: claims, secret: SECRET })}`) })).toBeNull();
  });

  test("a Sesame cookie, even an invalid one, wins: a legacy cookie is read only when there is no Sesame session", async () => {
    const legacy = v4Cookie(await v4Encode({ token: claims, secret: SECRET }));
    expect(await getToken({ req: request(`sesame.session-token=not-a-token; ${legacy}`) })).toBeNull();
  });

  test("getToken({ req, cookieName }) as v4 code calls it reads that cookie in its generation's format", async () => {
    const token = await authjs("__Secure-authjs.session-token");
    expect(await getToken({ req: request(`__Secure-authjs.session-token=${token}`), cookieName: "__Secure-authjs.session-token" })).toMatchObject(claims);
  });
});

describe("decode()", () => {
  test("decodes next-auth 4's token as its decode does, and Auth.js's with its salt (the cookie name)", async () => {
    const v4 = await v4Encode({ token: claims, secret: SECRET });
    expect(await decode({ token: v4, secret: SECRET })).toMatchObject(claims);
    const v5 = await authjs("authjs.session-token");
    expect(await decode({ token: v5, secret: SECRET, salt: "authjs.session-token" })).toMatchObject(claims);
    // Without the salt it was made with, or with another secret, nothing.
    expect(await decode({ token: v5, secret: SECRET })).toBeNull();
    expect(await decode({ token: v4, secret: OTHER_SECRET })).toBeNull();
    expect(await decode({ token: await v4Encode({ token: claims, secret: SECRET, maxAge: -3600 }), secret: SECRET })).toBeNull();
  });
});

describe("getToken({ req, config }): the checks of a session read", () => {
  test("reads a legacy cookie, raw too; a user's sessions revoked since, or refused by the jwt callback, are no token", async () => {
    const v4 = await v4Encode({ token: claims, secret: SECRET });
    const app = config({ revocation: { store: MemoryRevocationStore() } });
    expect(await getToken({ req: request(v4Cookie(v4)), config: app })).toMatchObject({ sub: "42", role: "admin" });
    expect(await getToken({ req: request(v4Cookie(v4)), config: app, raw: true })).toBe(v4);
    const refused = config({ callbacks: { jwt: () => null } });
    expect(await getToken({ req: request(v4Cookie(v4)), config: refused })).toBeNull();
    await revokeUserSessions(app, "42");
    expect(await getToken({ req: request(v4Cookie(v4)), config: app })).toBeNull();
    expect(await getToken({ req: request(v4Cookie(v4)), config: app, raw: true })).toBeNull();
  });
});

describe("withAuth", () => {
  test("without config: a next-auth 4 cookie passes, with req.nextauth.token; none redirects to sign-in", async () => {
    const v4 = await v4Encode({ token: claims, secret: SECRET });
    let seen: unknown;
    const middleware = withAuth((req) => {
      seen = req.nextauth.token;
      return undefined;
    });
    const through = await middleware(new NextRequest(request(v4Cookie(v4))));
    expect(through.status).toBe(200);
    expect(seen).toMatchObject({ sub: "42", role: "admin" });
    const refused = await middleware(new NextRequest(request(v4Cookie(await v4Encode({ token: claims, secret: OTHER_SECRET })))));
    expect(refused.status).toBe(307);
    expect(refused.headers.get("location")).toContain("/api/auth/signin");
  });

  test("with config: an Auth.js cookie passes and is migrated on the response, keeping its expiry; revoked, it is refused", async () => {
    const app = config({ revocation: { store: MemoryRevocationStore() } });
    const maxAge = 3600;
    const v5 = await authjsEncode({ token: claims, secret: SECRET, salt: "authjs.session-token", maxAge });
    const middleware = withAuth({ config: app });
    const through = await middleware(new NextRequest(request(`authjs.session-token=${v5}`)));
    expect(through.status).toBe(200);
    const setCookies = through.headers.getSetCookie();
    const sesame = setCookies.find((c) => c.startsWith("sesame.session-token="));
    // No extension by migrating: the Sesame cookie lives no longer than the Auth.js token had left.
    expect(Number(/Max-Age=(\d+)/.exec(sesame ?? "")?.[1])).toBeLessThanOrEqual(maxAge);
    expect(setCookies.some((c) => /^authjs\.session-token=; Max-Age=0/.test(c))).toBe(true);
    await revokeUserSessions(app, "42");
    const refused = await middleware(new NextRequest(request(`authjs.session-token=${v5}`)));
    expect(refused.status).toBe(307);
  });
});

describe("keeping next-auth's cookie name (cookies.sessionToken.name)", () => {
  const named = (name: string, overrides: Partial<SesameConfig> = {}) => config({ cookies: { sessionToken: { name } }, ...overrides });
  const read = async (cookie: string, app: SesameConfig, origin = ORIGIN) => {
    const response = await Auth(new Request(`${origin}/api/auth/session`, { headers: { cookie } }), app);
    return { session: (await response.json()) as Record<string, unknown> | null, setCookies: response.headers.getSetCookie() };
  };

  test("a real next-auth cookie under that name is the session, re-issued in place with its expiry, never cleared", async () => {
    const app = named("next-auth.session-token");
    const maxAge = 7200;
    const v4 = await v4Encode({ token: claims, secret: SECRET, maxAge });
    const first = await read(v4Cookie(v4), app);
    expect(first.session).toMatchObject({ user: { name: "Alice", email: "alice@example.com" } });
    expect(first.setCookies.some((c) => c.includes("Max-Age=0"))).toBe(false);
    const reissued = first.setCookies.find((c) => c.startsWith("next-auth.session-token="));
    expect(reissued).toBeDefined();
    expect(Number(/Max-Age=(\d+)/.exec(reissued!)?.[1])).toBeLessThanOrEqual(maxAge);
    // The re-issued cookie is Sesame's (next-auth 4 cannot read it), and the next request reads it as such.
    const value = reissued!.split(";")[0]!.slice("next-auth.session-token=".length);
    expect(value).not.toBe(v4);
    const second = await read(`next-auth.session-token=${value}`, app);
    expect(second.session).toMatchObject({ user: { name: "Alice" } });
    expect(second.setCookies).toEqual([]);
    // getToken with that config reads both.
    expect(await getToken({ req: request(v4Cookie(v4)), config: app })).toMatchObject({ sub: "42" });
    expect(await getToken({ req: request(`next-auth.session-token=${value}`), config: app })).toMatchObject({ sub: "42" });
  });

  test("a chunked next-auth cookie under the name is joined, and its chunks replaced", async () => {
    const app = named("__Secure-next-auth.session-token");
    const v4 = await v4Encode({ token: { ...claims, blob: "y".repeat(5000) }, secret: SECRET });
    const half = Math.ceil(v4.length / 2);
    const cookie = `__Secure-next-auth.session-token.0=${v4.slice(0, half)}; __Secure-next-auth.session-token.1=${v4.slice(half)}`;
    const { session, setCookies } = await read(cookie, app, "https://app.example.com");
    expect(session).toMatchObject({ user: { name: "Alice" } });
    expect(setCookies.some((c) => c.startsWith("__Secure-next-auth.session-token"))).toBe(true);
    // Every chunk is either rewritten or expired: none of next-auth's is left to be glued to the new token.
    for (const chunk of [".0", ".1"]) expect(setCookies.some((c) => c.startsWith(`__Secure-next-auth.session-token${chunk}=`))).toBe(true);
  });

  test("what is not a valid token under that name is still cleared; another secret's, revoked or expired tokens give no session", async () => {
    const app = named("next-auth.session-token", { revocation: { store: MemoryRevocationStore() } });
    const garbage = await read("next-auth.session-token=garbage", app);
    expect(garbage.session).toBeNull();
    expect(garbage.setCookies.some((c) => /^next-auth\.session-token=; Max-Age=0/.test(c))).toBe(true);
    expect((await read(v4Cookie(await v4Encode({ token: claims, secret: OTHER_SECRET })), app)).session).toBeNull();
    expect((await read(v4Cookie(await v4Encode({ token: claims, secret: SECRET, maxAge: -3600 })), app)).session).toBeNull();
    const v4 = await v4Encode({ token: claims, secret: SECRET });
    await revokeUserSessions(app, "42");
    const revoked = await read(v4Cookie(v4), app);
    expect(revoked.session).toBeNull();
    expect(revoked.setCookies.some((c) => /^next-auth\.session-token=; Max-Age=0/.test(c))).toBe(true);
  });

  test("an Auth.js cookie under next-auth's name is not accepted (each name reads its own generation only)", async () => {
    const app = named("next-auth.session-token");
    expect((await read(v4Cookie(await authjs("authjs.session-token")), app)).session).toBeNull();
  });
});
