/**
 * Auth.js's adapters, as their packages make them, passed to Sesame as `adapter`: every sign-in method and
 * session strategy through real `Auth()` requests, the real OpenID Provider and the real databases. The same
 * scenarios run for each adapter in setups.ts.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { sha256 } from "../../../packages/sesame/src/core/digest.node.js";
import { AdapterError } from "../../../packages/sesame/src/core/errors.js";
import { authjsAdapter, getAccessToken, listSessions, MemoryTokenStore, type SesameConfig, type Session } from "../../../packages/sesame/src/index.js";
import Credentials from "../../../packages/sesame/src/providers/credentials.js";
import Email, { type VerificationRequest } from "../../../packages/sesame/src/providers/email.node.js";
import { OIDC } from "../../../packages/sesame/src/providers/oauth.js";
import { Browser, config, sessionCookie } from "../../../packages/sesame/test/support/helpers.js";
import { OAuthBrowser } from "../../../packages/sesame/test/support/oauth-browser.js";
import { CLIENT_SECRET, startOP, type TestOP } from "../../../packages/sesame/test/support/op.js";
import type { AuthjsAdapter } from "../../../packages/sesame/src/core/authjs-adapter.js";
import { AUTHJS_CASES, rotatingProvider } from "./setups.js";

let op: TestOP;
beforeAll(async () => {
  op = await startOP();
});
afterAll(() => op.close());

interface SessionBody {
  user?: { id: string; email: string | null; name?: string | null };
  expires?: string;
}

const DAY_MS = 86_400_000;

describe.each(AUTHJS_CASES)("$name", ({ open, uniqueAccounts, keepsGivenIds = false }) => {
  let adapter: AuthjsAdapter;
  let close: () => Promise<void>;
  const outbox: VerificationRequest[] = [];
  const errors: Error[] = [];

  beforeAll(async () => {
    ({ adapter, close } = await open());
  }, 30_000);
  afterAll(() => close());

  /** Sesame configured with the Auth.js adapter as its package makes it, and no other change. */
  const app = (overrides: Partial<SesameConfig> = {}) =>
    config({
      adapter,
      providers: [
        OIDC({ id: "basic", name: "Basic", issuer: op.issuer, clientId: "basic", clientSecret: CLIENT_SECRET, allowInsecureRequests: true }),
        Email({ sendVerificationRequest: (request) => void outbox.push(request) }),
        Credentials({
          credentials: { id: {} },
          // The app's own check, returning a user of its database, as credentials apps do.
          authorize: async ({ id }) => (id ? { id } : null),
        }),
      ],
      logger: { error: (error) => void errors.push(error), warn: () => {} },
      ...overrides,
    });

  /** A user created by Auth.js itself, as in the database the app brings along. */
  const existingUser = async (email: string) => {
    const user = await adapter.createUser!({ id: crypto.randomUUID(), name: "Existing", email, emailVerified: new Date(), image: null });
    return String(user.id);
  };

  test("OAuth: the first sign-in creates the user and links the account, the next finds them; the session reads back", async () => {
    const login = `nina-${crypto.randomUUID().slice(0, 8)}`;
    const first = new OAuthBrowser(app());
    await first.signInWith("basic", { login });
    const session = (await first.session()) as SessionBody;
    expect(session.user).toMatchObject({ email: `${login}@example.com` });
    const byAccount = await adapter.getUserByAccount!({ provider: "basic", providerAccountId: login });
    expect(String(byAccount?.id)).toBe(session.user!.id);

    const second = new OAuthBrowser(app());
    await second.signInWith("basic", { login });
    expect(((await second.session()) as SessionBody).user?.id).toBe(session.user!.id);
    expect(errors).toEqual([]);
  });

  test("an existing Auth.js user signing in with an account Auth.js linked is that user, not a new one", async () => {
    const login = `olga-${crypto.randomUUID().slice(0, 8)}`;
    const userId = await existingUser(`${login}@example.com`);
    await adapter.linkAccount!({ userId, type: "oidc", provider: "basic", providerAccountId: login, access_token: "old", token_type: "bearer" });
    const browser = new OAuthBrowser(app());
    await browser.signInWith("basic", { login });
    expect(((await browser.session()) as SessionBody).user?.id).toBe(userId);
  });

  test("the session token is stored hashed: the cookie's value finds nothing, its hash does", async () => {
    const userId = await existingUser(`${crypto.randomUUID()}@example.com`);
    const browser = new Browser(app());
    await browser.signIn({ id: userId });
    const cookie = sessionCookie(browser)!;
    expect(((await browser.session()) as SessionBody).user?.id).toBe(userId);
    const [id, secret] = cookie.split(".") as [string, string];
    expect(await adapter.getSessionAndUser!(cookie)).toBeNull();
    expect(await adapter.getSessionAndUser!(secret)).toBeNull();
    const stored = await adapter.getSessionAndUser!(`${id}.${await sha256(secret)}`);
    expect(String(stored?.user.id)).toBe(userId);
  });

  test("credentials with database sessions (which Auth.js refuses): sign in, read, sign out deletes the row", async () => {
    const userId = await existingUser(`${crypto.randomUUID()}@example.com`);
    const browser = new Browser(app());
    const response = await browser.signIn({ id: userId });
    expect(response.status).toBe(302);
    expect(((await browser.session()) as SessionBody).user?.id).toBe(userId);
    const [id, secret] = sessionCookie(browser)!.split(".") as [string, string];
    const key = `${id}.${await sha256(secret)}`;
    expect(await adapter.getSessionAndUser!(key)).not.toBeNull();
    await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf() });
    expect(await adapter.getSessionAndUser!(key)).toBeNull();
    expect(await browser.session()).toBeNull();
  });

  test(
    keepsGivenIds
      ? "credentials returning an id the database does not have: the adapter keeps the id it is given, so the user is made under it"
      : "credentials returning an id the database does not have: the adapter makes its own ids, so a clear AdapterError and no user",
    async () => {
      const browser = new Browser(app());
      const id = crypto.randomUUID();
      const response = await browser.signIn({ id });
      if (keepsGivenIds) {
        expect(response.status).toBe(302);
        expect(((await browser.session()) as SessionBody | null)?.user?.id).toBe(id);
        return;
      }
      expect(response.headers.get("location") ?? "").toContain("error=");
      // Which AdapterError depends on the schema: the id's type (pg), a required email (kysely), or the id not kept.
      expect(errors.splice(0).some((error) => error instanceof AdapterError)).toBe(true);
      expect(await browser.session()).toBeNull();
    },
  );

  test("email sign-in: the link's token is stored hashed; the link works once", async () => {
    const email = `eve-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const browser = new Browser(app());
    const requestLink = async () => {
      outbox.length = 0;
      await browser.postJson("/api/auth/signin/email", { csrfToken: await browser.csrf(), email, callbackUrl: "/" });
      return new URL(outbox[0]!.url);
    };
    // The plain token is not what the adapter holds: using it directly finds nothing. (Some adapters, such
    // as next-auth 4's Sequelize one, then drop every pending link of the address: hence a second link.)
    const probed = await requestLink();
    expect(await adapter.useVerificationToken!({ identifier: email, token: probed.searchParams.get("token")! })).toBeNull();
    const link = await requestLink();
    const signedIn = await browser.visit(link);
    expect(errors.map((e) => `${e.message} ${String((e.cause as Error | undefined)?.message)}`)).toEqual([]);
    expect(signedIn.status).toBe(302);
    expect(((await browser.session()) as SessionBody | null)?.user?.email).toBe(email);
    const again = await new Browser(app()).visit(link);
    expect(again.headers.get("location")).toContain("error=Verification");
  });

  test.each(["authjs.session-token", "next-auth.session-token"])(
    "a session Auth.js started (%s, plain token) stays signed in, becomes a Sesame session, and its plain row is deleted",
    async (cookieName) => {
      const userId = await existingUser(`${crypto.randomUUID()}@example.com`);
      const token = crypto.randomUUID();
      await adapter.createSession!({ sessionToken: token, userId, expires: new Date(Date.now() + 20 * DAY_MS) });
      const browser = new Browser(app());
      browser.jar.set(cookieName, token);
      expect(((await browser.session()) as SessionBody).user?.id).toBe(userId);
      expect(browser.jar.has(cookieName)).toBe(false);
      expect(sessionCookie(browser)).toMatch(/^[\w-]{22}\.[\w-]{44}$/);
      expect(await adapter.getSessionAndUser!(token)).toBeNull();
      expect(((await browser.session()) as SessionBody).user?.id).toBe(userId);
    },
  );

  test("legacyCookies: false leaves an Auth.js session alone (signed out, the row kept)", async () => {
    const userId = await existingUser(`${crypto.randomUUID()}@example.com`);
    const token = crypto.randomUUID();
    await adapter.createSession!({ sessionToken: token, userId, expires: new Date(Date.now() + DAY_MS) });
    const browser = new Browser(app({ legacyCookies: false }));
    browser.jar.set("authjs.session-token", token);
    expect(await browser.session()).toBeNull();
    expect(String((await adapter.getSessionAndUser!(token))?.user.id)).toBe(userId);
  });

  test("an expired Auth.js session, an unknown token, or Sesame's stored key presented as a legacy cookie: signed out", async () => {
    const userId = await existingUser(`${crypto.randomUUID()}@example.com`);
    const expired = crypto.randomUUID();
    await adapter.createSession!({ sessionToken: expired, userId, expires: new Date(Date.now() - 1000) });
    const stale = new Browser(app());
    stale.jar.set("authjs.session-token", expired);
    expect(await stale.session()).toBeNull();
    expect(stale.jar.has("authjs.session-token")).toBe(false);

    const unknown = new Browser(app());
    unknown.jar.set("authjs.session-token", crypto.randomUUID());
    expect(await unknown.session()).toBeNull();

    // What a database leak shows of a Sesame session: its stored key, which must not work as a cookie.
    const victim = new Browser(app());
    await victim.signIn({ id: userId });
    const [id, secret] = sessionCookie(victim)!.split(".") as [string, string];
    const leaked = new Browser(app());
    leaked.jar.set("authjs.session-token", `${id}.${await sha256(secret)}`);
    expect(await leaked.session()).toBeNull();
    leaked.jar.set("sesame.session-token", `${id}.${await sha256(secret)}`);
    expect(await leaked.session()).toBeNull();
  });

  test("sign-out with a session Auth.js started deletes its row", async () => {
    const userId = await existingUser(`${crypto.randomUUID()}@example.com`);
    const token = crypto.randomUUID();
    await adapter.createSession!({ sessionToken: token, userId, expires: new Date(Date.now() + DAY_MS) });
    const browser = new Browser(app());
    browser.jar.set("authjs.session-token", token);
    await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf() });
    expect(await adapter.getSessionAndUser!(token)).toBeNull();
  });

  test("JWT sessions with the Auth.js adapter keeping users and accounts", async () => {
    const login = `jay-${crypto.randomUUID().slice(0, 8)}`;
    const browser = new OAuthBrowser(app({ session: { strategy: "jwt", exposeUserId: true } }));
    await browser.signInWith("basic", { login });
    const session = (await browser.session()) as SessionBody;
    expect(String((await adapter.getUserByAccount!({ provider: "basic", providerAccountId: login }))?.id)).toBe(session.user?.id);
  });

  test("session lists need a method Auth.js adapters lack: an AdapterError that says so", async () => {
    const userId = await existingUser(`${crypto.randomUUID()}@example.com`);
    const browser = new Browser(app());
    await browser.signIn({ id: userId });
    const request = browser.request("/api/auth/session");
    await expect(listSessions(request, app())).rejects.toThrow(/listSessions.*Auth\.js adapters do not have/);
  });

  // Only where the schema has the unique key (pg-adapter's documented schema has none: see docs/adapters.md).
  // Auth.js adapters have no transactions: a loser of the race may find the winner's user before its account
  // is linked, and is then refused (OAuthAccountNotLinked, as Auth.js does), but never given a second user.
  if (uniqueAccounts) {
    test("concurrent first sign-ins of one account never make two users", async () => {
      const login = `twin-${crypto.randomUUID().slice(0, 8)}`;
      const browsers = Array.from({ length: 4 }, () => new OAuthBrowser(app()));
      const results = await Promise.all(browsers.map((browser) => browser.signInWith("basic", { login })));
      expect(errors.map((e) => `${e.message} ${String((e.cause as Error | undefined)?.message)}`)).toEqual([]);
      const sessions = (await Promise.all(browsers.map((b) => b.session()))) as Array<SessionBody | null>;
      const owner = String((await adapter.getUserByAccount!({ provider: "basic", providerAccountId: login }))?.id);
      expect(String((await adapter.getUserByEmail!(`${login}@example.com`))?.id)).toBe(owner);
      sessions.forEach((session, i) => {
        if (session) expect(session.user?.id).toBe(owner);
        else expect(results[i]!.response.headers.get("location")).toContain("error=OAuthAccountNotLinked");
      });
      expect(sessions.some(Boolean)).toBe(true);
    });
  }

  describe("with authjsAdapter(adapter, { sessionData }): what Auth.js's session table has no place for", () => {
    const store = MemoryTokenStore();
    const withData = (overrides: Partial<SesameConfig> = {}) =>
      app({
        adapter: authjsAdapter(adapter, { sessionData: store }),
        callbacks: {
          jwt: ({ token, trigger, session }) => (trigger === "update" ? { ...token, theme: session?.theme } : trigger === "signIn" ? { ...token, role: "editor" } : token),
          session: ({ session, token }) => ({ ...session, role: token.role, theme: token.theme }) as Session,
        },
        ...overrides,
      });

    test("the jwt callback's data and update() persist with the session; without the option they do not", async () => {
      const userId = await existingUser(`${crypto.randomUUID()}@example.com`);
      const browser = new Browser(withData());
      await browser.signIn({ id: userId });
      expect(await browser.session()).toMatchObject({ role: "editor" });
      await browser.postJson("/api/auth/session", { csrfToken: await browser.csrf(), data: { theme: "dark" } });
      expect(await browser.session()).toMatchObject({ role: "editor", theme: "dark" });

      const plain = new Browser(app({ callbacks: withData().callbacks }));
      await plain.signIn({ id: userId });
      expect(((await plain.session()) as Session & { role?: string }).role).toBeUndefined();
    });

    test("the provider's tokens are kept and refreshed with database sessions", async () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      try {
        vi.setSystemTime(new Date());
        const rotating = rotatingProvider(op.issuer);
        const appConfig = withData({ providers: [rotating] });
        const browser = new OAuthBrowser(appConfig);
        await browser.signInWith("rotating", { login: `tok-${crypto.randomUUID().slice(0, 8)}` });
        const first = await getAccessToken(browser.request("/"), appConfig);
        expect(first.accessToken).toEqual(expect.any(String));
        vi.setSystemTime(Date.now() + 6 * 60_000);
        const second = await getAccessToken(browser.request("/"), appConfig);
        expect(second).toMatchObject({ accessToken: expect.any(String) });
        expect(second.accessToken).not.toBe(first.accessToken);
        expect(second.error).toBeUndefined();
      } finally {
        vi.useRealTimers();
      }
    });

    test("sealed and bound to its session: the store holds no readable data, an entry moved to another session is not read, sign-out deletes it", async () => {
      const userId = await existingUser(`${crypto.randomUUID()}@example.com`);
      const [a, b] = [new Browser(withData()), new Browser(withData())];
      await a.signIn({ id: userId });
      await b.signIn({ id: userId });
      const keyOf = async (browser: Browser) => {
        const [id, secret] = sessionCookie(browser)!.split(".") as [string, string];
        return `${id}.${await sha256(secret)}`;
      };
      const [keyA, keyB] = [await keyOf(a), await keyOf(b)];
      await b.postJson("/api/auth/session", { csrfToken: await b.csrf(), data: { theme: "light" } });
      const sealedB = await store.get(keyB);
      expect(sealedB).not.toContain("light");
      // B's entry copied over A's: A reads no data rather than B's.
      await store.set(keyA, { sealed: sealedB!, userId, expiresAt: Math.ceil(Date.now() / 1000) + 3600 });
      expect(((await a.session()) as Session & { theme?: string }).theme).toBeUndefined();
      await b.postForm("/api/auth/signout", { csrfToken: await b.csrf() });
      expect(await store.get(keyB)).toBeNull();
    });
  });

  test("a configuration needing a method the adapter lacks is refused at once, naming it", async () => {
    const { useVerificationToken: _, ...withoutEmail } = adapter;
    const response = await new Browser(app({ adapter: withoutEmail })).fetch("/api/auth/session");
    expect(response.status).toBe(500);
    expect(errors.splice(0).map((e) => e.message).join()).toContain("`useVerificationToken`");
  });
});
