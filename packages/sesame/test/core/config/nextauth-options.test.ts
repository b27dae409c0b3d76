/**
 * NextAuth options Sesame does not implement are refused by name, never silently ignored (issue 30): an app
 * moved over with `jwt.encode` or `session.generateSessionToken` would otherwise run without them. The one
 * small enough to implement, `pages.newUser`, is: a first sign-in lands there, with the destination kept.
 */
import { describe, expect, test } from "vitest";
import { MemoryAdapter } from "../../../src/adapters/memory.js";
import { resolveConfig } from "../../../src/core/config/resolve.js";
import { InvalidConfiguration, type SesameConfig } from "../../../src/index.js";
import { Browser, config } from "../../support/helpers.js";

/** What `resolveConfig` throws for a config with `extra` (options outside Sesame's types, as a JS app passes them). */
function refusal(extra: Record<string, unknown>): Error | undefined {
  try {
    resolveConfig({ ...config(), ...extra } as SesameConfig);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

describe("NextAuth options Sesame does not implement", () => {
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [{ jwt: { encode: async () => "x" } }, "jwt.encode", /sesame-auth\/jwt/],
    [{ jwt: { decode: async () => null } }, "jwt.decode", /own format/],
    [{ jwt: { secret: "x".repeat(32) } }, "jwt.secret", /`secret`/],
    [{ jwt: { maxAge: 60 } }, "jwt.maxAge", /session\.maxAge/],
    [{ session: { generateSessionToken: () => "t" } }, "session.generateSessionToken", /random/],
    [{ cookies: { pkceCodeVerifier: { name: "pkce" } } }, "cookies.pkceCodeVerifier", /cookies\.oauthChecks/],
    [{ cookies: { state: { name: "state" } } }, "cookies.state", /cookies\.oauthChecks/],
    [{ cookies: { nonce: { name: "nonce" } } }, "cookies.nonce", /cookies\.oauthChecks/],
    [{ theme: { buttonText: "#fff" } }, "theme.buttonText", /pages\.signIn/],
    [{ redirectProxyUrl: "https://proxy.example.com" }, "redirectProxyUrl", /AUTH_URL/],
    [{ experimental: { enableWebAuthn: true } }, "experimental", /WebAuthn/],
    [{ events: { signin: () => {} } }, "events.signin", /never run/],
    [{ callbacks: { sesion: () => null } }, "callbacks.sesion", /never run/],
  ];
  for (const [extra, name, advice] of cases) {
    test(`${name}: InvalidConfiguration naming it and what to do instead`, () => {
      const error = refusal(extra);
      expect(error).toBeInstanceOf(InvalidConfiguration);
      expect(error!.message).toContain(`\`${name}\``);
      expect(error!.message).toMatch(advice);
    });
  }

  test("what they share with Sesame, or what changes nothing, is accepted", () => {
    expect(refusal({ jwt: { maxAge: 30 * 24 * 60 * 60 } })).toBeUndefined();
    expect(refusal({ session: { strategy: "jwt", maxAge: 3600, updateAge: 60 }, jwt: { maxAge: 3600 } })).toBeUndefined();
    expect(refusal({ events: { signIn: () => {}, signOut: () => {}, createUser: () => {}, updateUser: () => {}, linkAccount: () => {}, session: () => {} } })).toBeUndefined();
    expect(refusal({ theme: { colorScheme: "dark", brandColor: "#000", logo: "/l.svg" }, debug: true, useSecureCookies: false })).toBeUndefined();
  });
});

describe("pages.newUser", () => {
  test("a first sign-in goes to the new-user page with the destination as callbackUrl; the next one to the destination", async () => {
    const appConfig = config({ adapter: MemoryAdapter(), session: { strategy: "jwt" }, pages: { newUser: "/welcome" } });
    const browser = new Browser(appConfig);
    const signedUp = await browser.signIn({ username: "alice", password: "wonderland", callbackUrl: "/inbox" });
    const location = new URL(signedUp.headers.get("location")!);
    expect(location.pathname).toBe("/welcome");
    expect(location.searchParams.get("callbackUrl")).toBe(`${location.origin}/inbox`);
    const again = await new Browser(appConfig).signIn({ username: "alice", password: "wonderland", callbackUrl: "/inbox" });
    expect(again.headers.get("location")).toBe(`${location.origin}/inbox`);
  });
});
