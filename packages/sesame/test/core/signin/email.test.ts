/**
 * Email sign-in end to end: the link goes out over SMTP (nodemailer) to a real SMTP server started here
 * (smtp-server), the test reads it from the received mail and follows it.
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { SqlAdapter } from "../../../src/adapters/sql.js";
import Email from "../../../src/providers/email.node.js";
import type { SesameConfig } from "../../../src/index.js";
import { sqliteDatabase, type TestDatabase } from "../../support/databases.js";
import { Browser, ORIGIN, config, sessionCookie } from "../../support/helpers.js";

interface Mail {
  to: string;
  raw: string;
}
const inbox: Mail[] = [];
let smtp: SMTPServer;
let smtpUrl: string;
let database: TestDatabase;
let appConfig: SesameConfig;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString()));
      stream.on("end", () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw });
        callback();
      });
    },
  });
  smtp.listen(0, "127.0.0.1");
  await once(smtp.server, "listening");
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  database = await sqliteDatabase();
  appConfig = config({ adapter: SqlAdapter(database.db), providers: [Email({ server: smtpUrl, from: "Sesame <auth@example.com>" })] });
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await database.drop();
});
afterEach(() => vi.useRealTimers());

/** The sign-in link in the last mail to `to`, decoded from quoted-printable. */
function linkFor(to: string): URL {
  const mail = [...inbox].reverse().find((m) => m.to === to);
  if (!mail) throw new Error(`no mail to ${to}`);
  const text = mail.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const match = /(http:\/\/localhost:3000\/api\/auth\/callback\/email\?[^\s"<]+)/.exec(text);
  return new URL(match![1]!.replace(/&amp;/g, "&"));
}

async function requestLink(browser: Browser, email: string, callbackUrl = "/inbox") {
  return browser.postForm("/api/auth/signin/email", { csrfToken: await browser.csrf(), email, callbackUrl });
}

describe("email sign-in", () => {
  test("the link arrives by SMTP; following it signs in (creating a verified user) at the callback URL", async () => {
    const browser = new Browser(appConfig);
    const sent = await requestLink(browser, "  Rita@Example.com ");
    expect(sent.headers.get("location")).toBe(`${ORIGIN}/api/auth/verify-request?provider=email&type=email`);
    expect(await (await browser.fetch("/api/auth/verify-request")).text()).toContain("Check your email");
    const link = linkFor("rita@example.com");
    expect(link.searchParams.get("email")).toBe("rita@example.com");
    const signedIn = await browser.visit(link);
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("location")).toBe(`${ORIGIN}/inbox`);
    expect(await browser.session()).toMatchObject({ user: { email: "rita@example.com" } });
    const user = await SqlAdapter(database.db).getUserByEmail("rita@example.com");
    expect(user?.emailVerified).toBeInstanceOf(Date);
  });

  test("the signIn callback is asked before the link is sent (email.verificationRequest, as in Auth.js): refused, no mail and no token; allowed, asked again at the link", async () => {
    const asked: Array<{ email?: string | null; verificationRequest?: boolean }> = [];
    const guarded = config({
      adapter: SqlAdapter(database.db),
      providers: [Email({ server: smtpUrl, from: "Sesame <auth@example.com>" })],
      callbacks: {
        signIn: ({ user, email }) => {
          asked.push({ email: user.email, verificationRequest: email?.verificationRequest });
          return user.email?.endsWith("@allowed.example") ?? false;
        },
      },
    });
    const browser = new Browser(guarded);
    const refused = await requestLink(browser, "mallory@elsewhere.example");
    expect(refused.headers.get("location")).toBe(`${ORIGIN}/api/auth/error?error=AccessDenied`);
    expect(inbox.filter((mail) => mail.to === "mallory@elsewhere.example")).toEqual([]);
    expect(await database.db.selectFrom("sesame_verification_tokens").selectAll().where("identifier", "=", "mallory@elsewhere.example").execute()).toEqual([]);

    await requestLink(browser, "ann@allowed.example");
    await vi.waitFor(() => linkFor("ann@allowed.example"));
    await browser.visit(linkFor("ann@allowed.example"));
    expect(await browser.session()).toMatchObject({ user: { email: "ann@allowed.example" } });
    expect(asked).toEqual([
      { email: "mallory@elsewhere.example", verificationRequest: true },
      { email: "ann@allowed.example", verificationRequest: true },
      { email: "ann@allowed.example", verificationRequest: undefined },
    ]);
  });

  test("a link works once", async () => {
    const browser = new Browser(appConfig);
    await requestLink(browser, "sam@example.com");
    const link = linkFor("sam@example.com");
    expect((await browser.visit(link)).headers.get("location")).toBe(`${ORIGIN}/inbox`);
    const again = await new Browser(appConfig).visit(link);
    expect(again.headers.get("location")).toBe(`${ORIGIN}/api/auth/error?error=Verification`);
  });

  test("an expired link is refused", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-06-01T00:00:00Z"));
    const browser = new Browser(appConfig);
    await requestLink(browser, "tom@example.com");
    vi.setSystemTime(Date.now() + 24 * 3600 * 1000 + 1000);
    const response = await browser.visit(linkFor("tom@example.com"));
    expect(response.headers.get("location")).toBe(`${ORIGIN}/api/auth/error?error=Verification`);
    expect(sessionCookie(browser)).toBeUndefined();
  });

  test("a tampered token, or a valid token for another address, is refused", async () => {
    const browser = new Browser(appConfig);
    await requestLink(browser, "uma@example.com");
    const link = linkFor("uma@example.com");
    const tampered = new URL(link);
    const token = link.searchParams.get("token")!;
    tampered.searchParams.set("token", `${token.slice(0, -1)}${token.endsWith("x") ? "y" : "x"}`);
    expect((await browser.visit(tampered)).headers.get("location")).toContain("error=Verification");
    const elsewhere = new URL(link);
    elsewhere.searchParams.set("email", "mallory@example.com");
    expect((await browser.visit(elsewhere)).headers.get("location")).toContain("error=Verification");
    // Both failed attempts left the real link usable.
    expect((await browser.visit(link)).headers.get("location")).toBe(`${ORIGIN}/inbox`);
  });

  test("only the token's hash is stored", async () => {
    const browser = new Browser(appConfig);
    await requestLink(browser, "vic@example.com");
    const token = linkFor("vic@example.com").searchParams.get("token")!;
    const rows = await database.db.selectFrom("sesame_verification_tokens").selectAll().where("identifier", "=", "vic@example.com").execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toBe(token);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  test("an open redirect through callbackUrl is refused", async () => {
    const browser = new Browser(appConfig);
    await requestLink(browser, "wes@example.com", "https://evil.example/");
    expect((await browser.visit(linkFor("wes@example.com"))).headers.get("location")).toBe(`${ORIGIN}/`);
  });

  test("sending needs the CSRF token, and a valid address", async () => {
    const browser = new Browser(appConfig);
    const noCsrf = await browser.postForm("/api/auth/signin/email", { email: "x@example.com" });
    expect(noCsrf.headers.get("location")).toContain("error=MissingCSRF");
    const invalid = await browser.postJson("/api/auth/signin/email", { csrfToken: await browser.csrf(), email: "not an address" });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: "EmailSignin", message: "That is not a valid email address." });
  });

  test("an SMTP server that is down: EmailSignin, and the unsent token is discarded", async () => {
    const down = config({ adapter: SqlAdapter(database.db), providers: [Email({ server: "smtp://127.0.0.1:9", from: "a@example.com" })], logger: { error: () => {} } });
    const browser = new Browser(down);
    const response = await browser.postForm("/api/auth/signin/email", { csrfToken: await browser.csrf(), email: "xena@example.com" });
    expect(response.headers.get("location")).toBe(`${ORIGIN}/api/auth/error?error=EmailSignin`);
    expect(await database.db.selectFrom("sesame_verification_tokens").selectAll().where("identifier", "=", "xena@example.com").execute()).toEqual([]);
  });

  test("requests for one address are rate limited", async () => {
    const limited = config({ adapter: SqlAdapter(database.db), providers: [Email({ server: smtpUrl })], rateLimit: { perIdentifier: { max: 2, window: 60 } } });
    const browser = new Browser(limited);
    for (let i = 0; i < 2; i++) expect((await requestLink(browser, "yan@example.com")).headers.get("location")).toContain("verify-request");
    const third = await browser.postJson("/api/auth/signin/email", { csrfToken: await browser.csrf(), email: "yan@example.com" });
    expect(third.status).toBe(429);
  });

  test("with Email({ code: true }), the SMTP message carries the 6-digit code beside the link, and the code signs in", async () => {
    const withCode = config({ adapter: SqlAdapter(database.db), providers: [Email({ server: smtpUrl, from: "Sesame <auth@example.com>", code: true })] });
    const browser = new Browser(withCode);
    await requestLink(browser, "zoe@example.com");
    await vi.waitFor(() => expect(inbox.some((m) => m.to === "zoe@example.com")).toBe(true));
    const text = inbox.findLast((m) => m.to === "zoe@example.com")!.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
    const code = /Your sign-in code: (\d{6})/.exec(text)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    expect(text).toContain("The code expires in 10 minutes and works once.");
    expect(linkFor("zoe@example.com").searchParams.get("email")).toBe("zoe@example.com");
    const signedIn = await browser.postForm("/api/auth/callback/email", { csrfToken: await browser.csrf(), email: "zoe@example.com", code: code! });
    expect(signedIn.headers.get("location")).toBe(`${ORIGIN}/inbox`);
    expect(await browser.session()).toMatchObject({ user: { email: "zoe@example.com" } });
  });

  test("the sign-in page has an email form; email sign-in without an adapter is a configuration error", async () => {
    const html = await (await new Browser(appConfig).fetch("/api/auth/signin")).text();
    expect(html).toMatch(/<input id="email-email" name="email" type="email" autocomplete="email" required>/);
    const errors: Error[] = [];
    const response = await new Browser(config({ providers: [Email({ server: smtpUrl })], logger: { error: (e) => errors.push(e) } })).fetch("/api/auth/signin");
    expect(response.status).toBe(500);
    expect(errors[0]?.message).toBe('Email sign-in ("email") needs an `adapter` to store its single-use tokens.');
  });
});
