/**
 * `Password({ verifyWith: "code" })`: the account flows that prove an address (sign-up, verification, email
 * change) by a 6-digit code typed back instead of a link, end to end through `Auth()` with a real SQLite
 * database and the real `Email()` provider capturing what would be mailed. The machinery of the codes is
 * the one of email sign-in (test/core/signin/email-code.test.ts); here, what the account flows add.
 */
import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { MemoryAdapter } from "../../src/adapters/memory.js";
import { SqlAdapter } from "../../src/adapters/sql.js";
import { resolveConfig } from "../../src/core/config/resolve.js";
import { createContext } from "../../src/core/context.js";
import { createDatabaseSession } from "../../src/core/session/database-session.js";
import type { SesameConfig } from "../../src/index.js";
import type { MailMessage, VerificationRequest } from "../../src/providers/types.js";
import Email from "../../src/providers/email.node.js";
import Password, { type PasswordOptions } from "../../src/providers/password.node.js";
import { sqliteDatabase, type TestDatabase } from "../support/databases.js";
import { Browser, ORIGIN, SECRET, sessionCookie } from "../support/helpers.js";

let database: TestDatabase;
const outbox: MailMessage[] = [];
const signInMail: VerificationRequest[] = [];
const HASH = { cost: 10 };

beforeAll(async () => {
  database = await sqliteDatabase();
});
afterAll(() => database.drop());
afterEach(() => {
  outbox.length = 0;
  signInMail.length = 0;
});

/** An app whose `Password()` proves addresses by code, beside an `Email()` that signs in by code too. */
function app(overrides: Partial<SesameConfig> = {}, password: PasswordOptions = {}): SesameConfig {
  return {
    secret: SECRET,
    trustHost: true,
    adapter: SqlAdapter(database.db),
    rateLimit: false,
    providers: [
      Password({ hashOptions: HASH, verifyWith: "code", ...password }),
      Email({ code: true, sendVerificationRequest: (request) => void signInMail.push(request), sendMail: (message) => void outbox.push(message) }),
    ],
    ...overrides,
    session: { exposeUserId: true, ...overrides.session },
  };
}

let sequence = 0;
const address = (label: string) => `${label}-${Date.now()}-${++sequence}@example.com`;

/** The code in the last message to `to`, once it is handed to the transport (in the background). */
async function codeTo(to: string): Promise<string> {
  return vi.waitFor(() => {
    const code = outbox.findLast((m) => m.to === to)?.text.match(/Your code: (\d{6})/)?.[1];
    if (!code) throw new Error(`no code mailed to ${to}`);
    return code;
  });
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

async function post(browser: Browser, path: string, fields: Record<string, string>): Promise<Response> {
  return browser.postJson(`/api/auth/${path}`, { csrfToken: await browser.csrf(), ...fields });
}

const userRow = (email: string) => database.db.selectFrom("sesame_users").selectAll().where("email", "=", email).executeTakeFirst();
const codeRows = (email: string) => database.db.selectFrom("sesame_account_tokens").selectAll().where("identifier", "=", `verify-code:${email}`).execute();

/** A verified account made by sign-up with a code; the browser is signed in. */
async function signedUp(appConfig: SesameConfig, email: string, password = "correct horse battery") {
  const browser = new Browser(appConfig);
  await post(browser, "signup/credentials", { email, password });
  expect((await post(browser, "verify-email", { email, code: await codeTo(email) })).status).toBe(200);
  return browser;
}

describe("proving an address by code", () => {
  test("sign-up mails a code, no link; nothing exists until the code is typed; then the user is created, verified, and signed in", async () => {
    const appConfig = app();
    const email = address("new");
    const browser = new Browser(appConfig);
    const response = await post(browser, "signup/credentials", { email, password: "correct horse battery", name: "Pat", callbackUrl: "/welcome" });
    expect(await response.json()).toEqual({ url: `${ORIGIN}/api/auth/verify-request?type=signup&email=${encodeURIComponent(email)}` });
    const code = await codeTo(email);
    const mail = outbox.findLast((m) => m.to === email)!;
    expect(mail.text).not.toContain("http");
    expect(mail.text).toContain("It expires in 10 minutes, and works once.");
    expect(mail.html).toContain(code);
    expect(await userRow(email)).toBeUndefined();

    // The "check your email" page asks for the code, posting to /verify-email.
    const page = await (await browser.fetch(`/api/auth/verify-request?type=signup&email=${encodeURIComponent(email)}`)).text();
    expect(page).toContain(`action="${ORIGIN}/api/auth/verify-email"`);
    expect(page).toContain('autocomplete="one-time-code" inputmode="numeric"');
    expect(page).toContain('<input type="hidden" name="purpose" value="signup">');

    const confirmed = await post(browser, "verify-email", { email, code });
    expect(await confirmed.json()).toEqual({ url: `${ORIGIN}/welcome` });
    expect(await userRow(email)).toMatchObject({ name: "Pat", email, email_verified: expect.anything() });
    expect(await browser.session()).toMatchObject({ user: { email } });
    // Once.
    expect((await post(new Browser(appConfig), "verify-email", { email, code })).status).toBe(403);
  });

  test("[V2.7.6][hashed at rest] the pending sign-up is a sealed payload: no code, no hash of it, no password hash, no name", async () => {
    const appConfig = app();
    const email = address("rest");
    await post(new Browser(appConfig), "signup/credentials", { email, password: "correct horse battery", name: "Visible Name" });
    const code = await codeTo(email);
    const rows = await codeRows(email);
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(createHash("sha256").update(code).digest("hex"));
    expect(stored).not.toContain(createHash("sha256").update(code).digest("base64url"));
    expect(stored).not.toContain("Visible Name");
    expect(stored).not.toContain("scrypt");
  });

  test("[V2.7.3][purpose-bound] a sign-in code proves no address, and an address code signs no one in; both stay good for their own use", async () => {
    const appConfig = app();
    const email = address("purpose");
    await post(new Browser(appConfig), "signup/credentials", { email, password: "correct horse battery" });
    const verifyCode = await codeTo(email);
    await post(new Browser(appConfig), "signin/email", { email });
    const signInCode = signInMail.findLast((r) => r.identifier === email)!.code!.value;

    if (signInCode !== verifyCode) {
      const crossed = await post(new Browser(appConfig), "verify-email", { email, code: signInCode });
      expect(crossed.status).toBe(403);
      expect(await userRow(email)).toBeUndefined();
      const intruder = new Browser(appConfig);
      expect((await post(intruder, "callback/email", { email, code: verifyCode })).status).toBe(403);
      expect(sessionCookie(intruder)).toBeUndefined();
    }
    expect((await post(new Browser(appConfig), "verify-email", { email, code: verifyCode })).status).toBe(200);
    expect((await post(new Browser(appConfig), "callback/email", { email, code: signInCode })).status).toBe(200);
  });

  test("[V2.2.1][attempt limit] after 5 wrong codes the sign-up code is dead, even the right one", async () => {
    const appConfig = app();
    const email = address("guess");
    await post(new Browser(appConfig), "signup/credentials", { email, password: "correct horse battery" });
    const code = await codeTo(email);
    for (let i = 0; i < 5; i++) expect((await post(new Browser(appConfig), "verify-email", { email, code: wrong(code) })).status).toBe(403);
    expect((await post(new Browser(appConfig), "verify-email", { email, code })).status).toBe(403);
    expect(await userRow(email)).toBeUndefined();
  });

  test("[V2.2.1][rate limit] tries count per address (`<id>/verify-code`)", async () => {
    const appConfig = app({ rateLimit: { perIdentifier: { max: 2, window: 60 }, perIp: false } });
    const email = address("limited");
    await post(new Browser(appConfig), "signup/credentials", { email, password: "correct horse battery" });
    const code = await codeTo(email);
    for (let i = 0; i < 2; i++) await post(new Browser(appConfig), "verify-email", { email, code: wrong(code) });
    const limited = await post(new Browser(appConfig), "verify-email", { email, code });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: "RateLimited" });
  });

  test("[V7.4.1][enumeration] sign-up answers the same for a taken and a free address; the owner of the taken one gets a note, no code", async () => {
    const appConfig = app();
    const taken = address("taken");
    await signedUp(appConfig, taken);
    outbox.length = 0;
    const free = address("free");
    const answers = await Promise.all(
      [taken, free].map(async (email) => {
        const response = await post(new Browser(appConfig), "signup/credentials", { email, password: "another good password" });
        return { status: response.status, body: (await response.text()).replace(encodeURIComponent(email), "<email>") };
      }),
    );
    expect(answers[0]).toEqual(answers[1]);
    await codeTo(free);
    const note = outbox.findLast((m) => m.to === taken)!;
    expect(note.subject).toContain("Your account on");
    expect(note.text).not.toMatch(/Your code: \d{6}/);
    // A wrong code for the taken address (no code pending) reads as one for the free address (a code pending).
    const refused = await Promise.all(
      [taken, free].map(async (email) => {
        const response = await post(new Browser(appConfig), "verify-email", { email, code: "000000" });
        return { status: response.status, body: (await response.text()).replace(encodeURIComponent(email), "<email>") };
      }),
    );
    expect(refused[0]).toEqual(refused[1]);
  });

  test("[V5.1.4][hostile input] junk codes and addresses are typed errors, never a 500, and no code is spent", async () => {
    const appConfig = app();
    const email = address("hostile");
    await post(new Browser(appConfig), "signup/credentials", { email, password: "correct horse battery" });
    const code = await codeTo(email);
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ email, code: "abcdef" }, 403, "Verification"],
      [{ email, code: "9".repeat(20_000) }, 403, "Verification"],
      [{ code }, 400, "EmailSignin"],
      [{ email: `${"a".repeat(320)}@x.io`, code }, 400, "EmailSignin"],
    ];
    for (const [fields, status, error] of cases) {
      const response = await post(new Browser(appConfig), "verify-email", fields);
      expect([response.status, ((await response.json()) as { error: string }).error]).toEqual([status, error]);
    }
    expect((await post(new Browser(appConfig), "verify-email", { email, code })).status).toBe(200);
  });

  test("a browser's wrong code goes back to the page's form with the error", async () => {
    const appConfig = app();
    const email = address("form");
    const browser = new Browser(appConfig);
    await post(browser, "signup/credentials", { email, password: "correct horse battery" });
    const code = await codeTo(email);
    const refused = await browser.postForm("/api/auth/verify-email", { csrfToken: await browser.csrf(), purpose: "signup", email, code: wrong(code) });
    expect(refused.status).toBe(302);
    const back = new URL(refused.headers.get("location") ?? "");
    expect(Object.fromEntries(back.searchParams)).toEqual({ type: "signup", email, error: "Verification" });
    expect(await (await browser.visit(back)).text()).toContain("That code is not right, or it has expired.");
  });

  test("an email change is confirmed by the code mailed to the new address", async () => {
    const appConfig = app();
    const [old, next] = [address("old"), address("next")];
    const browser = await signedUp(appConfig, old);
    const requested = await post(browser, "account/email", { email: next, password: "correct horse battery" });
    expect(await requested.json()).toEqual({ url: `${ORIGIN}/api/auth/verify-request?type=change&email=${encodeURIComponent(next)}` });
    const code = await codeTo(next);
    expect((await post(browser, "verify-email", { email: next, code })).status).toBe(200);
    expect(await userRow(next)).toMatchObject({ email: next });
    expect(await userRow(old)).toBeUndefined();
  });

  test("a signed-in user's unverified address is verified by code", async () => {
    const appConfig = app();
    const email = address("unverified");
    const adapter = SqlAdapter(database.db);
    const { user } = await adapter.createUserWithPassword!({ name: "U", email, emailVerified: null, image: null }, "$scrypt$none");
    // Signed in some other way (its sessions are the adapter's): a database session for the user.
    const browser = new Browser(appConfig);
    const cookies = await createDatabaseSession(createContext(browser.request("/"), resolveConfig(appConfig)), user, {});
    browser.store(new Response(null, { headers: cookies.map((c) => ["set-cookie", c] as [string, string]) }));
    const requested = await post(browser, "account/verify-email", {});
    expect(await requested.json()).toEqual({ url: `${ORIGIN}/api/auth/verify-request?type=verify&email=${encodeURIComponent(email)}` });
    const code = await codeTo(email);
    expect((await post(browser, "verify-email", { email, code })).status).toBe(200);
    expect((await userRow(email))?.email_verified).not.toBeNull();
  });
});

describe("configuration", () => {
  test("verifyWith is \"link\" or \"code\", and the code limits are checked", () => {
    expect(() => resolveConfig(app({}, { verifyWith: "sms" as "code" }))).toThrow(/Password\(\{ verifyWith \}\) of provider "credentials" is "link" or "code"; got "sms"/);
    expect(() => resolveConfig(app({}, { code: { maxAttempts: 50 } }))).toThrow(/`maxAttempts`/);
    // Links (the default) need no code limits, and ignore them.
    expect(() => resolveConfig(app({}, { verifyWith: "link", code: { maxAttempts: 50 } }))).not.toThrow();
  });

  test("with links (the default), a posted code is refused and links work as before", async () => {
    const appConfig = app({ adapter: MemoryAdapter() }, { verifyWith: "link" });
    const email = address("links");
    await post(new Browser(appConfig), "signup/credentials", { email, password: "correct horse battery" });
    const link = await vi.waitFor(() => {
      const url = outbox.findLast((m) => m.to === email)?.text.match(/http:\/\/localhost:3000\/\S+/)?.[0];
      if (!url) throw new Error("no link");
      return new URL(url);
    });
    expect((await post(new Browser(appConfig), "verify-email", { email, code: "123456" })).status).toBe(403);
    expect((await post(new Browser(appConfig), "verify-email", Object.fromEntries(link.searchParams))).status).toBe(200);
  });
});
