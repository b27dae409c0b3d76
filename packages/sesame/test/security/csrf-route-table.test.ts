/**
 * CSRF is declared in the route table (core/auth.ts, issue 29 item 1): the dispatcher checks every POST
 * where the request enters, unless the route's entry says why not. These tests walk the table itself, so a
 * POST route added later is covered without anyone listing it here, and a new exemption fails the last test
 * until someone has looked at it.
 */
import { describe, expect, test } from "vitest";
import { MemoryAdapter } from "../../src/adapters/memory.js";
import { ROUTES, type CsrfExemption } from "../../src/core/auth.js";
import type { Provider } from "../../src/index.js";
import GitHub from "../../src/providers/github.js";
import Google from "../../src/providers/google.js";
import Passkey from "../../src/providers/passkey.js";
import { Browser, config, passwordProvider, sessionCookie, setCookies } from "../support/helpers.js";

const emailProvider: Provider = { id: "email", name: "Email", type: "email", maxAge: 600, sendVerificationRequest: () => {} };
const providers: Provider[] = [
  passwordProvider,
  GitHub({ clientId: "id", clientSecret: "secret" }),
  // An issuer nothing listens on: starting a sign-in fails at once, without leaving the machine.
  Google({ clientId: "id", clientSecret: "secret", issuer: "http://127.0.0.1:9" }),
  emailProvider,
  Passkey(),
];
// Quiet: the provider that cannot be reached would log its failure.
const appConfig = config({ adapter: MemoryAdapter(), providers, logger: { error: () => {} } });

function exempts(exemption: CsrfExemption | undefined, provider?: Provider): boolean {
  if (!exemption) return false;
  return !exemption.providerTypes || (provider !== undefined && exemption.providerTypes.includes(provider.type));
}

/** Every POST the table answers: one path per route, or per provider for routes that take one. */
const posts = Object.entries(ROUTES)
  .filter(([, route]) => route.POST)
  .flatMap(([key, route]) =>
    route.provider
      ? providers.map((p) => ({ path: key.replace(":provider", p.id), exempt: exempts(route.csrfExempt, p) }))
      : [{ path: key, exempt: exempts(route.csrfExempt) }],
  );
const checked = posts.filter((post) => !post.exempt);

async function signedIn(): Promise<Browser> {
  const browser = new Browser(appConfig);
  expect((await browser.signIn()).status).toBe(302);
  expect(sessionCookie(browser)).toBeDefined();
  return browser;
}

describe("CSRF at the edge: the route table decides", () => {
  test("the walk covers the state-changing routes", () => {
    expect(checked.map((post) => post.path)).toEqual(
      expect.arrayContaining(["session", "signin/credentials", "signin/github", "signin/google", "signin/email", "callback/credentials", "signout", "sessions/revoke", "sessions/revoke-others"]),
    );
  });

  const attempts: Array<[string, (browser: Browser) => Promise<Record<string, string>>]> = [
    ["no csrfToken", async (browser) => (await browser.csrf(), {})],
    ["a wrong csrfToken", async (browser) => (await browser.csrf(), { csrfToken: "A".repeat(43) })],
  ];
  describe.each(attempts)("with %s", (_name, token) => {
    test.each(checked.map((post) => [post.path]))("POST /api/auth/%s → 403 MissingCSRF, nothing changes", async (path) => {
      const browser = await signedIn();
      const before = sessionCookie(browser);
      const body = { ...(await token(browser)), username: "alice", password: "wonderland", email: "eve@example.com", id: "any", data: { name: "Eve" } };
      const response = await browser.postJson(`/api/auth/${path}`, body);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: "MissingCSRF" });
      expect(setCookies(response).filter((c) => c.name.includes("session-token"))).toEqual([]);
      expect(sessionCookie(browser)).toBe(before);
      expect(await browser.session()).toMatchObject({ user: { name: "Alice" } });
    });
  });

  test("the same POSTs with the token get past the check", async () => {
    for (const { path } of checked) {
      const browser = await signedIn();
      const response = await browser.postJson(`/api/auth/${path}`, { csrfToken: await browser.csrf(), username: "alice", password: "wonderland", email: "eve@example.com" });
      const answer = response.headers.get("content-type")?.includes("json") ? ((await response.json()) as { error?: string }) : {};
      expect(answer.error, path).not.toBe("MissingCSRF");
    }
  });

  // Reviewed: `_log` (next-auth 4's client beacons its errors there) changes nothing; test/compat/next-auth-clients.test.ts.
  test("the only exemptions are the provider's own POST to the callback and the harmless `_log`, and they say why", () => {
    const exemptions = Object.entries(ROUTES).flatMap(([key, route]): Array<[string, CsrfExemption]> => (route.csrfExempt ? [[key, route.csrfExempt]] : []));
    expect(exemptions.map(([key, { providerTypes }]) => [key, [...(providerTypes ?? ["every POST"])].sort()])).toEqual([
      ["callback/:provider", ["oauth", "oidc"]],
      ["_log", ["every POST"]],
    ]);
    for (const [, { reason }] of exemptions) expect(reason.length).toBeGreaterThan(40);
    // Credentials forms, and email one-time codes, post to the same route and are checked.
    expect(checked.map((post) => post.path)).toEqual(expect.arrayContaining(["callback/credentials", "callback/email"]));
  });

  test("an exempt POST (an OAuth form_post) is not refused for want of a CSRF token", async () => {
    const browser = new Browser(appConfig);
    const response = await browser.postForm("/api/auth/callback/google", { code: "c", state: "s" });
    expect(response.status).not.toBe(403);
    expect(response.headers.get("location") ?? "").not.toContain("MissingCSRF");
  });
});
