/**
 * A second factor after each kind of first factor: an OpenID Connect sign-in against the real
 * `oidc-provider`, and an email link. The session starts only after the code, with both in `amr`, and an
 * OAuth sign-in's provider tokens survive the wait (they travel sealed in the pending sign-in).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MemoryAdapter } from "../../src/adapters/memory.js";
import { SqlAdapter } from "../../src/adapters/sql.js";
import { MemoryRevocationStore, type SesameConfig } from "../../src/index.js";
import { totpCode } from "../../src/core/mfa/totp.js";
import { OIDC } from "../../src/providers/oauth.js";
import Email from "../../src/providers/email.node.js";
import { sqliteDatabase, type TestDatabase } from "../support/databases.js";
import { Browser, SECRET } from "../support/helpers.js";
import { OAuthBrowser } from "../support/oauth-browser.js";
import { CLIENT_SECRET, startOP, type TestOP } from "../support/op.js";

let op: TestOP;
let database: TestDatabase;
beforeAll(async () => {
  [op, database] = await Promise.all([startOP(), sqliteDatabase()]);
});
afterAll(async () => {
  await op.close();
  await database.drop();
});

const links: string[] = [];

function appConfig(strategy: "jwt" | "database", adapter: SesameConfig["adapter"]): SesameConfig {
  return {
    secret: SECRET,
    trustHost: true,
    adapter,
    session: { strategy, exposeUserId: true },
    ...(strategy === "jwt" && { revocation: { store: MemoryRevocationStore() } }),
    tokens: { exposeAccessToken: true },
    twoFactor: {},
    providers: [
      OIDC({ id: "basic", name: "OP", issuer: op.issuer, clientId: "basic", clientSecret: CLIENT_SECRET, allowInsecureRequests: true }),
      Email({ sendVerificationRequest: ({ url }) => void links.push(url) }),
    ],
  };
}

async function enrol(browser: Browser): Promise<string> {
  const csrfToken = await browser.csrf();
  const started = (await (await browser.postJson("/api/auth/two-factor/enrol", { csrfToken })).json()) as { secret: string; enrolment: string };
  const confirmed = await browser.postJson("/api/auth/two-factor/confirm", { csrfToken, enrolment: started.enrolment, code: totpCode(started.secret, Date.now() - 30_000) });
  expect(confirmed.status).toBe(200);
  return started.secret;
}

describe.each([
  ["jwt", "SQLite"],
  ["database", "memory"],
] as const)("%s sessions (%s)", (strategy, store) => {
  const adapter = () => (store === "SQLite" ? SqlAdapter(database.db) : MemoryAdapter());

  test("OpenID Connect: the provider's sign-in is held for the code; then a session with oauth + totp and the access token", async () => {
    const config = appConfig(strategy, adapter());
    const login = `oidc-${strategy}-${Date.now()}`;
    const first = new OAuthBrowser(config);
    expect((await first.signInWith("basic", { login })).response.headers.get("location")).toBe("http://localhost:3000/");
    const secret = await enrol(first);

    const browser = new OAuthBrowser(config);
    const { response } = await browser.signInWith("basic", { login });
    expect(response.headers.get("location")).toBe("http://localhost:3000/api/auth/second-factor");
    expect(await browser.session()).toBeNull();
    const done = await browser.postJson("/api/auth/second-factor", { csrfToken: await browser.csrf(), code: totpCode(secret) });
    expect(done.status).toBe(200);
    const session = (await browser.session()) as { amr?: string[]; accessToken?: string; user?: { email?: string } };
    expect(session.amr).toEqual(["oauth", "totp"]);
    expect(session.user?.email).toBe(`${login}@example.com`);
    expect(session.accessToken).toEqual(expect.any(String));
  });

  test("an email link: following it is held for the code; then a session with email + totp", async () => {
    const config = appConfig(strategy, adapter());
    const email = `link-${strategy}-${Date.now()}@example.com`;
    const signInByLink = async (browser: Browser) => {
      await browser.postForm("/api/auth/signin/email", { csrfToken: await browser.csrf(), email });
      const link = new URL(links.at(-1) ?? "");
      return browser.visit(link);
    };
    const first = new Browser(config);
    expect((await signInByLink(first)).headers.get("location")).toBe("http://localhost:3000/");
    const secret = await enrol(first);

    const browser = new Browser(config);
    expect((await signInByLink(browser)).headers.get("location")).toBe("http://localhost:3000/api/auth/second-factor");
    expect(await browser.session()).toBeNull();
    expect((await browser.postJson("/api/auth/second-factor", { csrfToken: await browser.csrf(), code: totpCode(secret) })).status).toBe(200);
    expect(((await browser.session()) as { amr?: string[] }).amr).toEqual(["email", "totp"]);
  });
});
