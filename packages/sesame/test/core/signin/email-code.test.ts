/**
 * Email sign-in by one-time code (`Email({ code })`), end to end through `Auth()`: real HTTP requests, a real
 * SQLite database for the codes (the MemoryAdapter where a spy on the adapter is the point), the real
 * `Email()` preset with its `sendVerificationRequest` capturing what would be mailed. Each security property
 * of the codes is a test here, named after what it guards.
 */
import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { MemoryAdapter } from "../../../src/adapters/memory.js";
import { SqlAdapter } from "../../../src/adapters/sql.js";
import type { Adapter } from "../../../src/core/adapter.js";
import { resolveConfig } from "../../../src/core/config/resolve.js";
import type { SesameConfig } from "../../../src/index.js";
import Email, { type EmailCodeOptions, type VerificationRequest } from "../../../src/providers/email.node.js";
import { sqliteDatabase, type TestDatabase } from "../../support/databases.js";
import { Browser, ORIGIN, config, sessionCookie } from "../../support/helpers.js";

let database: TestDatabase;
const outbox: VerificationRequest[] = [];

beforeAll(async () => {
  database = await sqliteDatabase();
});
afterAll(() => database.drop());
afterEach(() => {
  outbox.length = 0;
  vi.useRealTimers();
});

let sequence = 0;
const address = (label: string) => `${label}-${Date.now()}-${++sequence}@example.com`;

/** An app whose email provider signs in by code (or as `code` says), the codes kept in SQLite unless `adapter` is given. */
function codeApp({ code = true, adapter, ...overrides }: Partial<SesameConfig> & { code?: boolean | EmailCodeOptions } = {}) {
  const errors: Error[] = [];
  const appConfig = config({
    adapter: adapter ?? SqlAdapter(database.db),
    providers: [Email({ code, sendVerificationRequest: (request) => void outbox.push(request) })],
    logger: { error: (e) => errors.push(e), warn: () => {} },
    ...overrides,
  });
  return { appConfig, errors };
}

/** Asks for a sign-in email for `email` (the form the sign-in page posts). */
async function requestCode(browser: Browser, email: string, callbackUrl = "/inbox"): Promise<Response> {
  return browser.postForm("/api/auth/signin/email", { csrfToken: await browser.csrf(), email, callbackUrl });
}

/** What was last mailed to `email`. */
function lastMailTo(email: string): VerificationRequest {
  const request = outbox.findLast((r) => r.identifier === email);
  if (!request) throw new Error(`nothing mailed to ${email}`);
  return request;
}

const codeFor = (email: string) => lastMailTo(email).code?.value ?? "";

/** A code that is not `code`: its neighbour. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

/** Posts a typed code as a program does (JSON), with the browser's CSRF token unless `csrfToken` says otherwise. */
async function submit(browser: Browser, fields: Record<string, string>, csrfToken?: string): Promise<Response> {
  return browser.postJson("/api/auth/callback/email", { csrfToken: csrfToken ?? (await browser.csrf()), ...fields });
}

const codeRows = (email: string) => database.db.selectFrom("sesame_account_tokens").selectAll().where("identifier", "=", `signin-code:${email}`).execute();
const signedInAs = async (browser: Browser) => ((await browser.session()) as { user?: { email?: string } } | null)?.user?.email;

describe("sign-in by code", () => {
  test("the email carries a 6-digit code beside the link; the page asks for it; the right code signs in like the link", async () => {
    const { appConfig } = codeApp();
    const email = address("rita");
    const browser = new Browser(appConfig);
    const sent = await requestCode(browser, `  ${email.toUpperCase()} `);
    const page = new URL(sent.headers.get("location") ?? "");
    expect(`${page.origin}${page.pathname}`).toBe(`${ORIGIN}/api/auth/verify-request`);
    expect(Object.fromEntries(page.searchParams)).toEqual({ provider: "email", type: "email", email });

    const mail = lastMailTo(email);
    expect(mail.code?.value).toMatch(/^\d{6}$/);
    expect(new URL(mail.url).pathname).toBe("/api/auth/callback/email");
    expect(mail.code!.expires.getTime()).toBeLessThan(mail.expires.getTime());

    const html = await (await browser.visit(page)).text();
    expect(html).toContain(`action="${ORIGIN}/api/auth/callback/email"`);
    expect(html).toMatch(/<input id="code" name="code" autocomplete="one-time-code" inputmode="numeric"/);
    expect(html).toContain(`<input type="hidden" name="email" value="${email}">`);
    expect(html).toMatch(/<input type="hidden" name="csrfToken" value="[\w-]{43}">/);

    // The browser posts the page's form.
    const csrfToken = /name="csrfToken" value="([\w-]+)"/.exec(html)![1]!;
    const signedIn = await browser.postForm("/api/auth/callback/email", { csrfToken, email, code: mail.code!.value });
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("location")).toBe(`${ORIGIN}/inbox`);
    expect(await signedInAs(browser)).toBe(email);
    expect((await SqlAdapter(database.db).getUserByEmail(email))?.emailVerified).toBeInstanceOf(Date);
    // One email, one sign-in: the link mailed with the code is spent with it.
    const link = await new Browser(appConfig).visit(new URL(mail.url));
    expect(link.headers.get("location")).toContain("error=Verification");
  });

  test("programs get { url } and the session cookie; the link, used first, spends the code", async () => {
    const { appConfig } = codeApp();
    const email = address("json");
    const browser = new Browser(appConfig);
    await requestCode(browser, email, "/dashboard");
    const response = await submit(browser, { email, code: codeFor(email) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ url: `${ORIGIN}/dashboard` });
    expect(sessionCookie(browser)).toBeDefined();

    const other = address("link-first");
    await requestCode(new Browser(appConfig), other);
    const mail = lastMailTo(other);
    expect((await new Browser(appConfig).visit(new URL(mail.url))).headers.get("location")).toBe(`${ORIGIN}/inbox`);
    expect(await codeRows(other)).toEqual([]);
    expect((await submit(new Browser(appConfig), { email: other, code: mail.code!.value })).status).toBe(403);
  });

  test("off by default: Email() mails no code, the page has no form, and a posted code is 405 (links are GETs)", async () => {
    const appConfig = config({ adapter: SqlAdapter(database.db), providers: [Email({ sendVerificationRequest: (request) => void outbox.push(request) })] });
    const email = address("links-only");
    const browser = new Browser(appConfig);
    const sent = await requestCode(browser, email);
    expect(sent.headers.get("location")).toBe(`${ORIGIN}/api/auth/verify-request?provider=email&type=email`);
    expect(lastMailTo(email).code).toBeUndefined();
    expect(await (await browser.fetch("/api/auth/verify-request?provider=email&type=email")).text()).not.toContain("<form");
    const posted = await submit(browser, { email, code: "123456" });
    expect(posted.status).toBe(405);
    expect(posted.headers.get("allow")).toBe("GET");
  });

  test("[V2.7.6][hashed at rest] the row holds neither the code nor its SHA-256, only a sealed keyed hash", async () => {
    const { appConfig } = codeApp();
    const email = address("rest");
    await requestCode(new Browser(appConfig), email);
    const code = codeFor(email);
    const rows = await codeRows(email);
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    for (const encoding of ["hex", "base64", "base64url"] as const) {
      expect(stored).not.toContain(createHash("sha256").update(code).digest(encoding));
    }
    expect(stored).not.toContain(code);
    expect(rows[0]!.token_hash).toBe("one-time-code");
    expect(rows[0]!.payload.split(".")).toHaveLength(5); // a compact JWE
  });

  test("[V2.7.2][short-lived] a code lasts 10 minutes by default (configurable), and an expired one fails", async () => {
    const { appConfig } = codeApp();
    const email = address("expiry");
    const before = Date.now();
    await requestCode(new Browser(appConfig), email);
    const [row] = await codeRows(email);
    expect(Number(row!.expires_at) - before).toBeGreaterThanOrEqual(600_000 - 1000);
    expect(Number(row!.expires_at) - before).toBeLessThanOrEqual(600_000 + 1000);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 601_000);
    const late = await submit(new Browser(appConfig), { email, code: codeFor(email) });
    expect(late.status).toBe(403);
    expect(await late.json()).toMatchObject({ error: "Verification" });
    vi.useRealTimers();

    const short = codeApp({ code: { maxAge: 60 } }).appConfig;
    const other = address("short");
    await requestCode(new Browser(short), other);
    expect(lastMailTo(other).code!.expires.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
  });

  test("[V2.7.3][single-use] a right code works once", async () => {
    const { appConfig } = codeApp();
    const email = address("once");
    await requestCode(new Browser(appConfig), email);
    const code = codeFor(email);
    expect((await submit(new Browser(appConfig), { email, code })).status).toBe(200);
    const again = new Browser(appConfig);
    const second = await submit(again, { email, code });
    expect(second.status).toBe(403);
    expect(await second.json()).toMatchObject({ error: "Verification" });
    expect(sessionCookie(again)).toBeUndefined();
  });

  test("[V2.2.1][attempt limit] after 5 wrong codes the code is dead, even the right one; 4 wrong and the right one still works", async () => {
    const { appConfig } = codeApp({ rateLimit: false });
    const email = address("guess");
    await requestCode(new Browser(appConfig), email);
    const code = codeFor(email);
    for (let i = 0; i < 5; i++) expect((await submit(new Browser(appConfig), { email, code: wrong(code) })).status).toBe(403);
    const dead = new Browser(appConfig);
    expect((await submit(dead, { email, code })).status).toBe(403);
    expect(sessionCookie(dead)).toBeUndefined();
    expect(await codeRows(email)).toEqual([]);

    // A new code starts afresh.
    await requestCode(new Browser(appConfig), email);
    const fresh = codeFor(email);
    for (let i = 0; i < 4; i++) await submit(new Browser(appConfig), { email, code: wrong(fresh) });
    const [row] = await codeRows(email);
    expect(row?.payload).toBeDefined();
    expect((await submit(new Browser(appConfig), { email, code: fresh })).status).toBe(200);
  });

  test("[V2.2.1][attempt limit] configurable: maxAttempts 2 kills the code on the second wrong try; the expiry does not move", async () => {
    const { appConfig } = codeApp({ rateLimit: false, code: { maxAttempts: 2 } });
    const email = address("two");
    await requestCode(new Browser(appConfig), email);
    const code = codeFor(email);
    const [issued] = await codeRows(email);
    await submit(new Browser(appConfig), { email, code: wrong(code) });
    const [afterOne] = await codeRows(email);
    expect(afterOne?.expires_at).toBe(issued?.expires_at);
    await submit(new Browser(appConfig), { email, code: wrong(code) });
    expect((await submit(new Browser(appConfig), { email, code })).status).toBe(403);
  });

  test("[V2.2.1][race] ten concurrent submissions of the right code make exactly one session", async () => {
    const { appConfig } = codeApp({ rateLimit: false });
    const email = address("race");
    await requestCode(new Browser(appConfig), email);
    const code = codeFor(email);
    const browsers = Array.from({ length: 10 }, () => new Browser(appConfig));
    const tokens = await Promise.all(browsers.map((b) => b.csrf()));
    const answers = await Promise.all(browsers.map((b, i) => submit(b, { email, code }, tokens[i])));
    expect(answers.map((r) => r.status).sort()).toEqual([200, ...Array<number>(9).fill(403)]);
    expect(browsers.filter((b) => sessionCookie(b) !== undefined)).toHaveLength(1);
    // With an adapter, sessions are database sessions: one row.
    const sessions = await database.db.selectFrom("sesame_sessions").innerJoin("sesame_users", "sesame_users.id", "sesame_sessions.user_id").select("sesame_sessions.id").where("email", "=", email).execute();
    expect(sessions).toHaveLength(1);
  });

  test("[V2.2.1][race] a burst of concurrent wrong guesses compares at most maxAttempts of them: the code is then dead", async () => {
    const adapter = MemoryAdapter();
    const putBack = vi.spyOn(adapter as Required<Adapter>, "createAccountToken");
    const { appConfig } = codeApp({ rateLimit: false, adapter });
    const email = address("burst");
    await requestCode(new Browser(appConfig), email);
    const code = codeFor(email);
    putBack.mockClear();
    const browsers = Array.from({ length: 30 }, () => new Browser(appConfig));
    const tokens = await Promise.all(browsers.map((b) => b.csrf()));
    const answers = await Promise.all(browsers.map((b, i) => submit(b, { email, code: wrong(code) }, tokens[i])));
    expect(answers.every((r) => r.status === 403)).toBe(true);
    // Each compared wrong guess but the last puts the code back once.
    expect(putBack.mock.calls.length).toBeLessThanOrEqual(4);
    for (let i = putBack.mock.calls.length + 1; i < 5; i++) await submit(new Browser(appConfig), { email, code: wrong(code) });
    expect((await submit(new Browser(appConfig), { email, code })).status).toBe(403);
  });

  test("[V2.2.1][rate limit] tries count against the address (limitSignIn, `<id>/code`) and against the client's IP", async () => {
    const perAddress = codeApp({ rateLimit: { perIdentifier: { max: 3, window: 60 }, perIp: false } }).appConfig;
    const email = address("limited");
    await requestCode(new Browser(perAddress), email);
    const code = codeFor(email);
    for (let i = 0; i < 3; i++) expect((await submit(new Browser(perAddress), { email, code: wrong(code) })).status).toBe(403);
    const limited = await submit(new Browser(perAddress), { email, code });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ error: "RateLimited" });

    const perIp = codeApp({ rateLimit: { perIp: { max: 3, window: 60 }, perIdentifier: false, clientIp: () => "203.0.113.9" } }).appConfig;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await submit(new Browser(perIp), { email: address("ip"), code: "000000" })).status);
    expect(answers).toEqual([403, 403, 403, 429]);
  });

  test("[V2.7.3][replaced] asking again voids the previous code: the old one fails, the new one works", async () => {
    const { appConfig } = codeApp({ rateLimit: false });
    const email = address("again");
    await requestCode(new Browser(appConfig), email);
    const first = codeFor(email);
    await requestCode(new Browser(appConfig), email);
    const second = codeFor(email);
    expect(await codeRows(email)).toHaveLength(1);
    if (first !== second) expect((await submit(new Browser(appConfig), { email, code: first })).status).toBe(403);
    expect((await submit(new Browser(appConfig), { email, code: second })).status).toBe(200);
  });

  test("[V2.7.3][bound to the address] a code mailed to one address does not sign in another, and stays good for its own", async () => {
    const { appConfig } = codeApp({ rateLimit: false });
    const [a, b] = [address("a"), address("b")];
    await requestCode(new Browser(appConfig), a);
    await requestCode(new Browser(appConfig), b);
    const codeOfA = codeFor(a);
    const thief = new Browser(appConfig);
    if (codeOfA !== codeFor(b)) expect((await submit(thief, { email: b, code: codeOfA })).status).toBe(403);
    expect(sessionCookie(thief)).toBeUndefined();
    expect((await submit(new Browser(appConfig), { email: a, code: codeOfA })).status).toBe(200);
  });

  test("[V7.4.1][enumeration] the same answers for a registered and an unknown address, and for a wrong code with or without one pending", async () => {
    const { appConfig } = codeApp({ rateLimit: false });
    const registered = address("registered");
    await SqlAdapter(database.db).createUser({ name: "R", email: registered, emailVerified: new Date(), image: null });
    const unknown = address("unknown");
    const sent = await Promise.all(
      [registered, unknown].map(async (email) => {
        const response = await requestCode(new Browser(appConfig), email);
        return { status: response.status, location: response.headers.get("location")?.replace(encodeURIComponent(email), "<email>") };
      }),
    );
    expect(sent[0]).toEqual(sent[1]);

    const pending = registered; // has a code
    const none = address("none"); // never asked for one
    const refused = await Promise.all(
      [pending, none].map(async (email) => {
        const response = await submit(new Browser(appConfig), { email, code: wrong(codeFor(registered)) });
        return { status: response.status, body: (await response.text()).replaceAll(encodeURIComponent(email), "<email>") };
      }),
    );
    expect(refused[0]).toEqual(refused[1]);
    expect(refused[0]!.status).toBe(403);
  });

  test("[V4.2.2][CSRF] a code posted without the CSRF token, or with a wrong one, is refused before it is tried", async () => {
    const { appConfig } = codeApp();
    const email = address("csrf");
    await requestCode(new Browser(appConfig), email);
    const code = codeFor(email);
    const victim = new Browser(appConfig);
    await victim.csrf();
    for (const fields of [{ email, code }, { email, code, csrfToken: "A".repeat(43) }]) {
      const response = await victim.postJson("/api/auth/callback/email", fields);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: "MissingCSRF" });
    }
    expect(sessionCookie(victim)).toBeUndefined();
    expect((await submit(victim, { email, code })).status).toBe(200);
  });

  test("[V5.1.4][hostile input] junk codes and addresses are typed 4xx errors, never a 500, and never reach the adapter", async () => {
    const adapter = MemoryAdapter();
    const used = vi.spyOn(adapter as Required<Adapter>, "useAccountToken");
    const { appConfig, errors } = codeApp({ adapter });
    const email = address("hostile");
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ email, code: "12a456" }, 403, "Verification"],
      [{ email, code: "１２３４５６" }, 403, "Verification"], // full-width digits
      [{ email, code: "1234567" }, 403, "Verification"],
      [{ email, code: "12345" }, 403, "Verification"],
      [{ email, code: "9".repeat(10_000) }, 403, "Verification"],
      [{ email }, 403, "Verification"],
      [{ code: "123456" }, 400, "EmailSignin"],
      [{ email: `${"a".repeat(310)}@example.com`, code: "123456" }, 400, "EmailSignin"],
      [{ email: "not an address", code: "123456" }, 400, "EmailSignin"],
    ];
    for (const [fields, status, error] of cases) {
      const response = await submit(new Browser(appConfig), fields);
      expect([response.status, ((await response.json()) as { error: string }).error], JSON.stringify(fields).slice(0, 60)).toEqual([status, error]);
    }
    // A 1 MB code is refused with the body, before any route runs.
    const huge = await submit(new Browser(appConfig), { email, code: "1".repeat(1024 * 1024) });
    expect(huge.status).toBe(400);
    expect(await huge.json()).toMatchObject({ error: "InvalidRequest" });
    expect(used).not.toHaveBeenCalled();
    expect(errors).toEqual([]);
  });

  test("a browser's wrong code goes back to the page's form with the error; a spaced or dashed code is accepted", async () => {
    const { appConfig } = codeApp({ rateLimit: false });
    const email = address("form");
    const browser = new Browser(appConfig);
    await requestCode(browser, email);
    const code = codeFor(email);
    const refused = await browser.postForm("/api/auth/callback/email", { csrfToken: await browser.csrf(), email, code: wrong(code) });
    expect(refused.status).toBe(302);
    const back = new URL(refused.headers.get("location") ?? "");
    expect(Object.fromEntries(back.searchParams)).toEqual({ provider: "email", type: "email", email, error: "Verification" });
    expect(await (await browser.visit(back)).text()).toContain("That code is not right, or it has expired.");
    const spaced = await browser.postForm("/api/auth/callback/email", { csrfToken: await browser.csrf(), email, code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(spaced.status).toBe(302);
    expect(await signedInAs(browser)).toBe(email);
  });

  test("a code that cannot be mailed is discarded with the link", async () => {
    const appConfig = config({
      adapter: SqlAdapter(database.db),
      providers: [Email({ code: true, sendVerificationRequest: () => Promise.reject(new Error("SMTP down")) })],
      logger: { error: () => {} },
    });
    const email = address("unsent");
    const response = await requestCode(new Browser(appConfig), email);
    expect(response.headers.get("location")).toContain("error=EmailSignin");
    expect(await codeRows(email)).toEqual([]);
  });
});

describe("configuration", () => {
  const withAdapter = (adapter: Adapter, code: unknown = true) =>
    config({ adapter, providers: [Email({ code: code as EmailCodeOptions, sendVerificationRequest: () => {} })] });

  test("codes need an adapter with account tokens: one without them is refused at start, naming what is missing", () => {
    const { createAccountToken: _c, useAccountToken: _u, ...withoutTokens } = MemoryAdapter();
    expect(() => resolveConfig(withAdapter(withoutTokens))).toThrow(/Email\(\{ code \}\) of provider "email" keeps its one-time codes through the adapter, which lacks `createAccountToken`, `useAccountToken`/);
    // Without codes, the same adapter serves magic links as before.
    expect(() => resolveConfig(config({ adapter: withoutTokens, providers: [Email({ sendVerificationRequest: () => {} })] }))).not.toThrow();
  });

  test.each([
    [{ maxAge: 0 }, /`maxAge` is the seconds a code lives/],
    [{ maxAge: 7200 }, /at most 3600/],
    [{ maxAttempts: 0 }, /`maxAttempts`/],
    [{ maxAttempts: 2.5 }, /`maxAttempts`/],
    [{ maxAttempts: 11 }, /from 1 to 10/],
    ["yes", /`code` is true, false or \{ maxAge, maxAttempts \}/],
  ])("code %j is refused with InvalidConfiguration", (code, message) => {
    expect(() => resolveConfig(withAdapter(MemoryAdapter(), code))).toThrow(message);
  });
});
