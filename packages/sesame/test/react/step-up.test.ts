// @vitest-environment jsdom
/**
 * The client `signIn` carries a re-authentication's `maxAge` to the provider's sign-in, where the server
 * turns it into `max_age` (test/core/oauth/step-up.test.ts follows that part against a real provider). The
 * "server" is the real `Auth()` behind the tab's fetch, up to the sign-in POST, which is only recorded:
 * generating PKCE values under jsdom's typed arrays is not what this test is about.
 */
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { OIDC } from "../../src/providers/oauth.js";
import { Browser, config } from "../support/helpers.js";

let posted: Array<{ path: string; fields: URLSearchParams }>;

beforeEach(() => {
  const server = new Browser(config({ providers: [OIDC({ id: "acme", name: "Acme", issuer: "https://id.example", clientId: "app", clientSecret: "s" })] }));
  posted = [];
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), window.location.href);
    if (url.pathname === "/api/auth/signin/acme") {
      posted.push({ path: url.pathname, fields: new URLSearchParams(String(init?.body)) });
      return Response.json({ url: "https://id.example/auth?max_age=0" });
    }
    return server.fetch(url.pathname + url.search, init);
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

test("signIn(provider, { maxAge: 0 }) posts the marker with the sign-in", async () => {
  vi.resetModules();
  const { signIn } = await import("../../src/react/index.js");
  // Leaving for the provider is jsdom's "not implemented" navigation.
  vi.spyOn(console, "error").mockImplementation(() => {});
  await signIn("acme", { maxAge: 0, callbackUrl: "/settings" });
  expect(posted).toHaveLength(1);
  expect(posted[0]?.fields.get("maxAge")).toBe("0");
  expect(posted[0]?.fields.get("callbackUrl")).toBe("/settings");
});
