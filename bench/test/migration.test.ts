/**
 * Moving from NextAuth signs nobody out: session cookies produced by the real next-auth 4.24 and Auth.js v5
 * (@auth/core 0.41) packages, installed here beside Sesame, are read and re-issued in Sesame's format.
 */
import { encode as authjsEncode } from "@auth/core/jwt";
import { encode as v4Encode } from "next-auth/jwt";
import { Auth, type SesameConfig } from "sesame-auth";
import { describe, expect, test } from "vitest";

const SECRET = "shared-secret-of-the-app-0123456789abcdef";
const ORIGIN = "http://localhost:3000";
const claims = { name: "Alice", email: "alice@example.com", picture: "https://example.com/a.png", sub: "42", role: "admin" };
// `session.user.id` as the assertions read it; the default session has NextAuth's shape (test/compat/).
const config = (overrides: Partial<SesameConfig> = {}): SesameConfig => ({ secret: SECRET, trustHost: true, providers: [], session: { exposeUserId: true }, ...overrides });

async function readWith(cookie: string, appConfig = config(), origin = ORIGIN) {
  const response = await Auth(new Request(`${origin}/api/auth/session`, { headers: { cookie } }), appConfig);
  return { session: (await response.json()) as Record<string, unknown> | null, setCookies: response.headers.getSetCookie() };
}

describe("legacy session cookies", () => {
  test("next-auth 4: read, re-issued as a Sesame cookie, the old cookie cleared", async () => {
    const token = await v4Encode({ token: claims, secret: SECRET });
    const { session, setCookies } = await readWith(`next-auth.session-token=${token}`);
    expect(session).toMatchObject({ user: { id: "42", name: "Alice", email: "alice@example.com", image: "https://example.com/a.png" } });
    expect(setCookies.some((c) => c.startsWith("sesame.session-token=ey"))).toBe(true);
    expect(setCookies.some((c) => /^next-auth\.session-token=; Max-Age=0/.test(c))).toBe(true);
    // The next request, with only the new cookie, keeps the session and its custom claims.
    const sesameCookie = setCookies.find((c) => c.startsWith("sesame.session-token="))!.split(";")[0]!;
    const next = await readWith(sesameCookie, config({ callbacks: { session: ({ session, token }) => ({ ...session, role: token.role }) as typeof session } }));
    expect(next.session).toMatchObject({ user: { id: "42" }, role: "admin" });
  });

  test("Auth.js v5 (@auth/core): read on http and on https (__Secure- name, its own salt)", async () => {
    const http = await authjsEncode({ token: claims, secret: SECRET, salt: "authjs.session-token" });
    expect((await readWith(`authjs.session-token=${http}`)).session).toMatchObject({ user: { id: "42", name: "Alice" } });
    const https = await authjsEncode({ token: claims, secret: SECRET, salt: "__Secure-authjs.session-token" });
    const secure = await readWith(`__Secure-authjs.session-token=${https}`, config(), "https://app.example.com");
    expect(secure.session).toMatchObject({ user: { id: "42" } });
    expect(secure.setCookies.some((c) => c.startsWith("__Host-sesame.session-token="))).toBe(true);
  });

  test("a chunked Auth.js cookie is joined", async () => {
    const big = await authjsEncode({ token: { ...claims, blob: "x".repeat(5000) }, secret: SECRET, salt: "authjs.session-token" });
    const half = Math.ceil(big.length / 2);
    const { session } = await readWith(`authjs.session-token.0=${big.slice(0, half)}; authjs.session-token.1=${big.slice(half)}`);
    expect(session).toMatchObject({ user: { id: "42" } });
  });

  test("a cookie made with another secret, or tampered with, is not accepted", async () => {
    const foreign = await v4Encode({ token: claims, secret: "some-other-secret-0123456789abcdefghij" });
    expect((await readWith(`next-auth.session-token=${foreign}`)).session).toBeNull();
    const token = await authjsEncode({ token: claims, secret: SECRET, salt: "authjs.session-token" });
    expect((await readWith(`authjs.session-token=${token.slice(0, -3)}abc`)).session).toBeNull();
  });

  test("legacyCookies: false ignores them", async () => {
    const token = await v4Encode({ token: claims, secret: SECRET });
    expect((await readWith(`next-auth.session-token=${token}`, config({ legacyCookies: false }))).session).toBeNull();
  });
});
