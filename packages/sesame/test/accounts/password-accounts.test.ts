/**
 * Email-and-password accounts (`Password()`), end to end through `Auth()`: real HTTP requests, a real SQLite
 * database, the real scrypt hashing (at a test cost), the real `Email()` provider with its transport
 * capturing what would be mailed. Each attack on the flows is a test here, named after what it tries.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { MemoryAdapter } from "../../src/adapters/memory.js";
import { SqlAdapter } from "../../src/adapters/sql.js";
import { Auth, MemoryRevocationStore, type SesameConfig } from "../../src/index.js";
import type { MailMessage } from "../../src/providers/types.js";
import Email from "../../src/providers/email.node.js";
import Password, { type PasswordOptions } from "../../src/providers/password.node.js";
import { hashPassword } from "../../src/password.node.js";
import { sqliteDatabase, type TestDatabase } from "../support/databases.js";
import { decode } from "../../src/jwt.js";
import { Browser, SECRET, sessionCookie } from "../support/helpers.js";

let database: TestDatabase;
const outbox: MailMessage[] = [];
const HASH = { cost: 10 };

beforeAll(async () => {
  database = await sqliteDatabase();
});
afterAll(() => database.drop());
afterEach(() => {
  outbox.length = 0;
  vi.unstubAllEnvs();
});

function app(overrides: Partial<SesameConfig> = {}, password: PasswordOptions = {}) {
  const events: Array<[string, unknown]> = [];
  const record = (name: string) => (message: unknown) => void events.push([name, message]);
  const appConfig: SesameConfig = {
    secret: SECRET,
    trustHost: true,
    adapter: SqlAdapter(database.db),
    providers: [Password({ hashOptions: HASH, ...password }), Email({ sendVerificationRequest: () => {}, sendMail: (message) => void outbox.push(message) })],
    events: Object.fromEntries(["createUser", "userCreated", "passwordReset", "passwordChanged", "emailChanged", "emailVerified"].map((name) => [name, record(name)])),
    ...overrides,
    session: { exposeUserId: true, ...overrides.session },
  };
  return { appConfig, events };
}

let sequence = 0;
const address = (label: string) => `${label}-${Date.now()}-${++sequence}@example.com`;

/** The link in the last message to `to`, once it is handed to the transport (in the background). */
async function linkTo(to: string): Promise<URL> {
  return vi.waitFor(() => {
    const message = outbox.findLast((m) => m.to === to);
    const url = message?.text.match(/http:\/\/localhost:3000\/\S+/)?.[0];
    if (!url) throw new Error(`no link mailed to ${to}`);
    return new URL(url);
  });
}

/** Lets background deliveries run, then what was mailed to `to`. */
async function mailTo(to: string): Promise<MailMessage[]> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  return outbox.filter((m) => m.to === to);
}

async function post(browser: Browser, path: string, fields: Record<string, string>): Promise<Response> {
  return browser.postJson(`/api/auth/${path}`, { csrfToken: await browser.csrf(), ...fields });
}

/** Follows a mailed verify-email link the way the page does: open it (GET), then post its token back. */
async function confirm(browser: Browser, link: URL): Promise<Response> {
  const page = await browser.visit(link);
  expect(page.status).toBe(200);
  return post(browser, "verify-email", Object.fromEntries(link.searchParams));
}

async function signUp(appConfig: SesameConfig, email: string, password = "correct horse battery") {
  const browser = new Browser(appConfig);
  const response = await post(browser, "signup/credentials", { email, password, name: "Pat" });
  expect(response.status).toBe(200);
  const confirmed = await confirm(browser, await linkTo(email));
  expect(confirmed.status).toBe(200);
  return browser;
}

async function signIn(appConfig: SesameConfig, email: string, password: string) {
  const browser = new Browser(appConfig);
  const response = await browser.postForm("/api/auth/callback/credentials", { csrfToken: await browser.csrf(), email, password });
  return { browser, response, signedIn: ((await browser.session()) as { user?: { email?: string } } | null)?.user?.email === email };
}

const sessionClaims = (browser: Browser) => decode({ token: sessionCookie(browser)!, secret: SECRET, salt: "sesame.session-token" });

const userRow = (email: string) => database.db.selectFrom("sesame_users").selectAll().where("email", "=", email).executeTakeFirst();

describe("sign-up, in two steps", () => {
  test("the first step creates nothing; following the link creates the user, verified, with a scrypt hash, and signs them in", async () => {
    const { appConfig, events } = app();
    const email = address("new");
    const browser = new Browser(appConfig);
    const response = await post(browser, "signup/credentials", { email, password: "correct horse battery", name: "Pat", callbackUrl: "/welcome" });
    expect(await response.json()).toEqual({ url: "http://localhost:3000/api/auth/verify-request?type=signup" });
    expect(await userRow(email)).toBeUndefined();

    const link = await linkTo(email);
    expect(link.pathname).toBe("/api/auth/verify-email");
    // Opening the link changes nothing (a mail scanner fetching it spends nothing): the page posts the token.
    expect(await (await browser.visit(link)).text()).toContain('action="http://localhost:3000/api/auth/verify-email"');
    expect(await userRow(email)).toBeUndefined();

    const confirmed = await post(browser, "verify-email", Object.fromEntries(link.searchParams));
    expect(await confirmed.json()).toEqual({ url: "http://localhost:3000/welcome" });
    const user = await userRow(email);
    expect(user).toMatchObject({ name: "Pat", email });
    expect(user?.email_verified).not.toBeNull();
    const stored = await database.db.selectFrom("sesame_passwords").selectAll().where("user_id", "=", user?.id ?? "").executeTakeFirstOrThrow();
    expect(stored.hash).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);
    expect(stored.hash).not.toContain("correct horse");
    expect(await browser.session()).toMatchObject({ user: { email, id: user?.id } });
    expect(events.map(([name]) => name)).toEqual(["createUser", "userCreated"]);

    // The link works once.
    const again = await post(new Browser(appConfig), "verify-email", Object.fromEntries(link.searchParams));
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ error: "Verification" });
  });

  test("[half-written] the signIn callback decides before the account exists: a refused address gets no user, an allowed one is asked about once", async () => {
    const asked: Array<{ id?: string; email?: string | null; provider: string }> = [];
    const { appConfig, events } = app({
      callbacks: {
        // Allows every request for a link: the completion is what this test is about.
        signIn: ({ user, account, email }) => {
          if (email?.verificationRequest) return true;
          asked.push({ id: user.id, email: user.email, provider: account?.provider ?? "" });
          return !user.email?.startsWith("blocked-");
        },
      },
    });
    const blocked = address("blocked");
    const browser = new Browser(appConfig);
    await post(browser, "signup/credentials", { email: blocked, password: "correct horse battery" });
    const refused = await post(browser, "verify-email", Object.fromEntries((await linkTo(blocked)).searchParams));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: "AccessDenied" });
    expect(await userRow(blocked)).toBeUndefined();
    expect(await browser.session()).toBeNull();
    expect(events).toEqual([]);

    const allowed = address("allowed");
    await signUp(appConfig, allowed);
    expect(await userRow(allowed)).toMatchObject({ email: allowed });
    expect(asked).toEqual([
      { id: blocked, email: blocked, provider: "credentials" },
      { id: allowed, email: allowed, provider: "credentials" },
    ]);
  });

  test("the signIn callback is asked before the link is mailed (email.verificationRequest, as in Auth.js): refused, nothing is sent, free or taken alike", async () => {
    const requests: Array<{ id?: string; email?: string | null; verificationRequest?: boolean }> = [];
    const { appConfig } = app({
      callbacks: {
        signIn: ({ user, email }) => {
          requests.push({ id: user.id, email: user.email, verificationRequest: email?.verificationRequest });
          return !user.email?.startsWith("blocked-");
        },
      },
    });
    const taken = address("blocked-taken");
    await SqlAdapter(database.db).createUser({ name: null, email: taken, emailVerified: new Date(), image: null });
    const free = address("blocked-free");
    const answers = [];
    for (const email of [free, taken]) {
      const response = await post(new Browser(appConfig), "signup/credentials", { email, password: "correct horse battery" });
      answers.push([response.status, ((await response.json()) as { error?: string }).error]);
    }
    expect(answers).toEqual([
      [403, "AccessDenied"],
      [403, "AccessDenied"],
    ]);
    expect(requests).toEqual([
      { id: free, email: free, verificationRequest: true },
      { id: taken, email: taken, verificationRequest: true },
    ]);
    expect(await mailTo(free)).toEqual([]);
    expect(await mailTo(taken)).toEqual([]);
  });

  test("at rest, the pending sign-up is a token hash and a sealed payload: neither the token, the hash of the password nor the name can be read", async () => {
    const { appConfig } = app();
    const email = address("rest");
    await post(new Browser(appConfig), "signup/credentials", { email, password: "correct horse battery", name: "Visible Name" });
    const link = await linkTo(email);
    const [row] = await database.db.selectFrom("sesame_account_tokens").selectAll().where("identifier", "=", `signup:${email}`).execute();
    const token = link.searchParams.get("token") ?? "";
    expect(row?.token_hash).toHaveLength(43);
    expect(row?.token_hash).not.toBe(token);
    expect(row?.payload).not.toContain("Visible Name");
    expect(row?.payload).not.toContain("scrypt");
    expect(row?.payload.split(".")).toHaveLength(5); // a compact JWE
  });

  test("[enumeration] an address that has an account gets the same answer; its owner is mailed a note, with no token", async () => {
    const { appConfig } = app();
    const taken = address("taken");
    await signUp(appConfig, taken);
    outbox.length = 0;
    const free = address("free");
    const answers = await Promise.all(
      [taken, free].map(async (email) => {
        const response = await post(new Browser(appConfig), "signup/credentials", { email, password: "another good password" });
        return { status: response.status, body: await response.json() };
      }),
    );
    expect(answers[0]).toEqual(answers[1]);
    const [note] = await mailTo(taken);
    expect(note?.subject).toContain("Your account on");
    expect(note?.text).not.toContain("token=");
    expect(await database.db.selectFrom("sesame_account_tokens").selectAll().where("identifier", "=", `signup:${taken}`).execute()).toEqual([]);
  });

  test("[pre-account takeover] a sign-up never confirmed leaves no user; a user that only claimed the address loses it to the owner who confirms", async () => {
    const { appConfig } = app();
    const victim = address("victim");
    // An attacker signs up with the victim's address: nothing exists until the victim's mailbox confirms.
    await post(new Browser(appConfig), "signup/credentials", { email: victim, password: "attacker's password" });
    expect(await userRow(victim)).toBeUndefined();
    // Another way in left an unproven claim on the address (a credentials user, an OAuth profile that does not vouch for it).
    const claimant = await SqlAdapter(database.db).createUser({ name: "Claimant", email: victim, emailVerified: null, image: null });
    outbox.length = 0;
    await signUp(appConfig, victim, "the victim's own password");
    const owner = await userRow(victim);
    expect(owner?.id).not.toBe(claimant.id);
    expect((await SqlAdapter(database.db).getUser(claimant.id))?.email).toBeNull();
    expect((await signIn(appConfig, victim, "attacker's password")).signedIn).toBe(false);
    expect((await signIn(appConfig, victim, "the victim's own password")).signedIn).toBe(true);
  });

  test("a weak password is refused before anything is sent, with the rule it breaks: JSON for programs, back to the form for browsers", async () => {
    const seen: string[] = [];
    const { appConfig } = app({}, { minLength: 10, breached: { isBreached: async (password) => (seen.push(password), password === "password1234") } });
    const email = address("weak");
    const short = await post(new Browser(appConfig), "signup/credentials", { email, password: "short" });
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ error: "WeakPassword", reason: "too-short" });
    const breached = await post(new Browser(appConfig), "signup/credentials", { email, password: "password1234" });
    expect(await breached.json()).toMatchObject({ error: "WeakPassword", reason: "breached" });
    expect(seen).toEqual(["password1234"]);
    const browser = new Browser(appConfig);
    const form = await browser.postForm("/api/auth/signup/credentials", { csrfToken: await browser.csrf(), email, password: "short", callbackUrl: "/x" });
    expect(form.status).toBe(302);
    const back = new URL(form.headers.get("location") ?? "");
    expect([back.pathname, back.searchParams.get("error"), back.searchParams.get("reason")]).toEqual(["/api/auth/signup", "WeakPassword", "too-short"]);
    expect(await (await browser.visit(back)).text()).toContain("That password is too short.");
    expect(await mailTo(email)).toEqual([]);
  });

  test("[fail closed] a breached-password check that cannot answer refuses the sign-up (503), it does not let the password through", async () => {
    const errors: Error[] = [];
    const { appConfig } = app({ logger: { error: (e) => errors.push(e) } }, {
      breached: {
        isBreached: async () => {
          const { BreachCheckUnavailable } = await import("../../src/index.js");
          throw new BreachCheckUnavailable("down");
        },
      },
    });
    const response = await post(new Browser(appConfig), "signup/credentials", { email: address("down"), password: "a fine long password" });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: "AdapterError" });
  });
});

describe("mail in the background", () => {
  test("[timing] the answer never waits on the mail: a transport that hangs, or fails, changes neither the answer nor its time; a failure is logged", async () => {
    const errors: Error[] = [];
    const hanging: SesameConfig = {
      ...app().appConfig,
      providers: [Password({ hashOptions: HASH }), Email({ sendVerificationRequest: () => {}, sendMail: () => new Promise<void>(() => {}) })],
    };
    const failing: SesameConfig = {
      ...app().appConfig,
      logger: { error: (e) => errors.push(e) },
      providers: [Password({ hashOptions: HASH }), Email({ sendVerificationRequest: () => {}, sendMail: async () => Promise.reject(new Error("SMTP down")) })],
    };
    for (const appConfig of [hanging, failing]) {
      const response = await post(new Browser(appConfig), "reset-password/request", { email: address("bg") });
      expect(await response.json()).toEqual({ url: "http://localhost:3000/api/auth/verify-request?type=reset" });
      const signup = await post(new Browser(appConfig), "signup/credentials", { email: address("bg"), password: "a fine long password" });
      expect(signup.status).toBe(200);
    }
    await vi.waitFor(() => expect(errors.map((e) => [e.message, (e.cause as Error).message])).toContainEqual([expect.stringContaining("could not be sent"), "SMTP down"]));
  });
});

describe("sign-in", () => {
  test("right password: a session; wrong password, unknown address, unverified address: the same refusal", async () => {
    const { appConfig } = app();
    const email = address("in");
    await signUp(appConfig, email, "right password here");
    const unverified = address("unverified");
    const adapter = SqlAdapter(database.db);
    const { user } = await adapter.createUserWithPassword!({ name: null, email: unverified, emailVerified: null, image: null }, await hashPassword("right password here", HASH));
    expect(user.email).toBe(unverified);

    expect((await signIn(appConfig, `  ${email.toUpperCase()} `, "right password here")).signedIn).toBe(false); // the browser's session has the stored address
    const ok = await signIn(appConfig, email, "right password here");
    expect(ok.signedIn).toBe(true);
    const refusals = await Promise.all(
      [
        [email, "wrong password"],
        [address("nobody"), "right password here"],
        [unverified, "right password here"],
      ].map(async ([who, password]) => {
        const { response, signedIn } = await signIn(appConfig, who as string, password as string);
        return { signedIn, status: response.status, error: new URL(response.headers.get("location") ?? "").searchParams.get("error") };
      }),
    );
    expect(refusals).toEqual(Array(3).fill({ signedIn: false, status: 302, error: "CredentialsSignin" }));
  });

  test("[guessing] attempts on one address are limited, whatever the case or spaces typed", async () => {
    const { appConfig } = app({ rateLimit: { perIdentifier: { max: 3, window: 60 }, perIp: false } });
    const email = address("guess");
    await signUp(appConfig, email, "right password here");
    for (const typed of [email, email.toUpperCase(), ` ${email}`]) await signIn(appConfig, typed, "wrong");
    const { response, signedIn } = await signIn(appConfig, email, "right password here");
    expect(signedIn).toBe(false);
    expect(new URL(response.headers.get("location") ?? "").searchParams.get("error")).toBe("RateLimited");
  });

  test("a hash made with other parameters is replaced at the next successful sign-in", async () => {
    const email = address("rehash");
    await signUp(app().appConfig, email, "right password here");
    const id = (await userRow(email))?.id ?? "";
    const stored = () => database.db.selectFrom("sesame_passwords").select("hash").where("user_id", "=", id).executeTakeFirstOrThrow();
    expect((await stored()).hash).toMatch(/^\$scrypt\$ln=10,/);
    const raised = app({}, { hashOptions: { cost: 11 } }).appConfig;
    expect((await signIn(raised, email, "wrong")).signedIn).toBe(false);
    expect((await stored()).hash).toMatch(/^\$scrypt\$ln=10,/);
    expect((await signIn(raised, email, "right password here")).signedIn).toBe(true);
    expect((await stored()).hash).toMatch(/^\$scrypt\$ln=11,/);
    expect((await signIn(raised, email, "right password here")).signedIn).toBe(true);
  });
});

describe("password reset", () => {
  test("the owner gets a link; it sets the password once, ends every session, and the old password stops working", async () => {
    const { appConfig, events } = app();
    const email = address("reset");
    const first = await signUp(appConfig, email, "old password here");
    const second = (await signIn(appConfig, email, "old password here")).browser;
    const requested = await post(new Browser(appConfig), "reset-password/request", { email });
    expect(await requested.json()).toEqual({ url: "http://localhost:3000/api/auth/verify-request?type=reset" });
    const link = await linkTo(email);
    expect(link.pathname).toBe("/api/auth/reset-password");
    const stranger = new Browser(appConfig);
    expect(await (await stranger.visit(link)).text()).toContain('name="token"');
    const reset = await post(stranger, "reset-password", { email, token: link.searchParams.get("token") ?? "", password: "new password here" });
    expect(await reset.json()).toEqual({ url: "http://localhost:3000/api/auth/signin?callbackUrl=http%3A%2F%2Flocalhost%3A3000%2F" });
    expect(await first.session()).toBeNull();
    expect(await second.session()).toBeNull();
    expect((await signIn(appConfig, email, "old password here")).signedIn).toBe(false);
    expect((await signIn(appConfig, email, "new password here")).signedIn).toBe(true);
    expect(events.filter(([name]) => name === "passwordReset")).toHaveLength(1);
    expect((await mailTo(email)).map((m) => m.subject)).toContain("Your password on localhost:3000 was changed");

    const replay = await post(stranger, "reset-password", { email, token: link.searchParams.get("token") ?? "", password: "third password here" });
    expect(replay.status).toBe(403);
  });

  test("[enumeration] an address without an account gets the same answer and the same database work, and no mail", async () => {
    const { appConfig } = app();
    const owner = address("owner");
    await signUp(appConfig, owner);
    outbox.length = 0;
    const nobody = address("nobody");
    const answers = await Promise.all(
      [owner, nobody].map(async (email) => {
        const response = await post(new Browser(appConfig), "reset-password/request", { email });
        return { status: response.status, body: await response.json() };
      }),
    );
    expect(answers[0]).toEqual(answers[1]);
    const rows = await database.db.selectFrom("sesame_account_tokens").select("identifier").where("identifier", "in", [`reset:${owner}`, `reset:${nobody}`]).execute();
    expect(rows).toHaveLength(2);
    expect(await mailTo(nobody)).toEqual([]);
    expect(await mailTo(owner)).toHaveLength(1);
  });

  test("[stale link] a link issued before the password last changed is void; a forged or foreign token is refused", async () => {
    const { appConfig } = app();
    const email = address("stale");
    await signUp(appConfig, email, "old password here");
    await post(new Browser(appConfig), "reset-password/request", { email });
    const older = await linkTo(email);
    outbox.length = 0;
    await post(new Browser(appConfig), "reset-password/request", { email });
    const newer = await linkTo(email);
    expect((await post(new Browser(appConfig), "reset-password", { email, token: newer.searchParams.get("token") ?? "", password: "new password here" })).status).toBe(200);
    const stale = await post(new Browser(appConfig), "reset-password", { email, token: older.searchParams.get("token") ?? "", password: "attacker password" });
    expect(stale.status).toBe(403);
    expect(await stale.json()).toMatchObject({ error: "Verification" });
    const otherEmail = address("other");
    expect((await post(new Browser(appConfig), "reset-password", { email: otherEmail, token: older.searchParams.get("token") ?? "", password: "attacker password" })).status).toBe(403);
    expect((await post(new Browser(appConfig), "reset-password", { email, token: "x".repeat(5000), password: "attacker password" })).status).toBe(403);
    expect((await signIn(appConfig, email, "new password here")).signedIn).toBe(true);
  });

  test("a weak new password leaves the link usable; an expired link is refused", async () => {
    const { appConfig } = app({}, { resetMaxAge: 60 });
    const email = address("weak-reset");
    await signUp(appConfig, email, "old password here");
    await post(new Browser(appConfig), "reset-password/request", { email });
    const link = await linkTo(email);
    const token = link.searchParams.get("token") ?? "";
    expect(await (await post(new Browser(appConfig), "reset-password", { email, token, password: "short" })).json()).toMatchObject({ error: "WeakPassword", reason: "too-short" });
    await database.db.updateTable("sesame_account_tokens").set({ expires_at: Date.now() - 1000 }).where("identifier", "=", `reset:${email}`).execute();
    const expired = await post(new Browser(appConfig), "reset-password", { email, token, password: "new password here" });
    expect(await expired.json()).toMatchObject({ error: "Verification", message: "The link has expired." });
  });

  test("JWT sessions: a reset revokes them all, in every process sharing the revocation store", async () => {
    const store = MemoryRevocationStore();
    const jwtApp = app({ session: { strategy: "jwt" }, revocation: { store } }).appConfig;
    const otherProcess = app({ session: { strategy: "jwt" }, revocation: { store, maxStaleness: 0 } }).appConfig;
    const email = address("jwt-reset");
    const browser = await signUp(jwtApp, email, "old password here");
    expect(await browser.session()).toMatchObject({ user: { email } });
    const elsewhere = new Browser(otherProcess);
    for (const [name, value] of browser.jar) elsewhere.jar.set(name, value);
    await post(new Browser(jwtApp), "reset-password/request", { email });
    const link = await linkTo(email);
    await post(new Browser(jwtApp), "reset-password", { email, token: link.searchParams.get("token") ?? "", password: "new password here" });
    expect(await browser.session()).toBeNull();
    await vi.waitFor(async () => expect(await elsewhere.session()).toBeNull());
  });
});

describe("changing the password or the email, signed in", () => {
  test("the password: the current one first; then other sessions end and this one stays", async () => {
    const { appConfig, events } = app();
    const email = address("change");
    const here = await signUp(appConfig, email, "old password here");
    const there = (await signIn(appConfig, email, "old password here")).browser;
    const wrong = await post(here, "account/password", { currentPassword: "guess", newPassword: "new password here" });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: "CredentialsSignin", message: "The current password is not correct." });
    const weak = await post(here, "account/password", { currentPassword: "old password here", newPassword: "short" });
    expect(await weak.json()).toMatchObject({ error: "WeakPassword", reason: "too-short" });
    const changed = await post(here, "account/password", { currentPassword: "old password here", newPassword: "new password here" });
    expect(await changed.json()).toEqual({ ok: true });
    expect(await here.session()).toMatchObject({ user: { email } });
    expect(await there.session()).toBeNull();
    expect((await signIn(appConfig, email, "new password here")).signedIn).toBe(true);
    expect(events.filter(([name]) => name === "passwordChanged")).toHaveLength(1);
  });

  test("JWT sessions: the others are revoked, this one is issued again and stays", async () => {
    const { appConfig } = app({ session: { strategy: "jwt" }, revocation: { store: MemoryRevocationStore() } });
    const email = address("jwt-change");
    const here = await signUp(appConfig, email, "old password here");
    const there = (await signIn(appConfig, email, "old password here")).browser;
    expect(await (await post(here, "account/password", { currentPassword: "old password here", newPassword: "new password here" })).json()).toEqual({ ok: true });
    expect(await here.session()).toMatchObject({ user: { email } });
    expect(await there.session()).toBeNull();
  });

  test("[stolen session] guessing the current password through the change routes is limited per user", async () => {
    const { appConfig } = app({ rateLimit: { perIdentifier: { max: 3, window: 60 }, perIp: false } });
    const email = address("stolen");
    const session = await signUp(appConfig, email, "old password here");
    for (let i = 0; i < 3; i++) await post(session, "account/password", { currentPassword: `guess ${i}`, newPassword: "new password here" });
    const limited = await post(session, "account/email", { email: address("attacker"), password: "old password here" });
    expect(limited.status).toBe(429);
  });

  test("signed out, the account routes answer 401 SessionRequired", async () => {
    const { appConfig } = app();
    for (const route of ["account/password", "account/email", "account/verify-email"]) {
      const response = await post(new Browser(appConfig), route, { currentPassword: "x", newPassword: "y", email: "a@example.com", password: "x" });
      expect([route, response.status, (await response.json()).error]).toEqual([route, 401, "SessionRequired"]);
    }
  });

  test("the email: with the password; the new address confirms by its link; the old one is told", async () => {
    const { appConfig, events } = app();
    const email = address("move-from");
    const target = address("move-to");
    const browser = await signUp(appConfig, email, "my password here");
    expect((await post(browser, "account/email", { email: target, password: "wrong" })).status).toBe(401);
    const requested = await post(browser, "account/email", { email: target, password: "my password here" });
    expect(await requested.json()).toEqual({ url: "http://localhost:3000/api/auth/verify-request?type=change" });
    expect((await userRow(email))?.email).toBe(email);
    const link = await linkTo(target);
    expect(link.searchParams.get("purpose")).toBe("change");
    // Confirmed from any browser: the link is the proof.
    expect((await confirm(new Browser(appConfig), link)).status).toBe(200);
    expect(await userRow(email)).toBeUndefined();
    expect((await userRow(target))?.email_verified).not.toBeNull();
    expect((await mailTo(email)).map((m) => m.subject)).toContain("Your email on localhost:3000 was changed");
    expect(events.find(([name]) => name === "emailChanged")?.[1]).toMatchObject({ previousEmail: email, user: { email: target } });
    expect((await signIn(appConfig, target, "my password here")).signedIn).toBe(true);
  });

  test("JWT sessions: the browser that confirms the new address gets its session back with it; other sessions keep theirs until they sign in again", async () => {
    const { appConfig } = app({ session: { strategy: "jwt" }, revocation: { store: MemoryRevocationStore() } });
    const [email, target] = [address("jwt-move-from"), address("jwt-move-to")];
    const here = await signUp(appConfig, email, "my password here");
    const there = (await signIn(appConfig, email, "my password here")).browser;
    const jtiBefore = (await sessionClaims(here))?.jti;
    await post(here, "account/email", { email: target, password: "my password here" });
    const confirmed = await confirm(here, await linkTo(target));
    expect(confirmed.status).toBe(200);
    expect(await here.session()).toMatchObject({ user: { email: target } });
    // The same session, not a new one: same id, so a sign-out or revocation still reaches it.
    expect((await sessionClaims(here))?.jti).toBe(jtiBefore);
    expect(await there.session()).toMatchObject({ user: { email } });
  });

  test("JWT sessions: a link confirmed in a browser signed in as someone else leaves that session as it was", async () => {
    const { appConfig } = app({ session: { strategy: "jwt" }, revocation: { store: MemoryRevocationStore() } });
    const [mover, target, other] = [address("jwt-mover"), address("jwt-mover-to"), address("jwt-bystander")];
    const owner = await signUp(appConfig, mover, "my password here");
    const bystander = await signUp(appConfig, other, "their password here");
    await post(owner, "account/email", { email: target, password: "my password here" });
    const before = sessionCookie(bystander);
    expect((await confirm(bystander, await linkTo(target))).status).toBe(200);
    expect(sessionCookie(bystander)).toBe(before);
    expect(await bystander.session()).toMatchObject({ user: { email: other } });
    expect((await userRow(target))?.email_verified).not.toBeNull();
  });

  test("[step-up] the email: a sign-in within reauthenticateAfter is proof enough; an older one needs the password", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    try {
      const { appConfig } = app({}, { reauthenticateAfter: 120 });
      const email = address("recent-move");
      const browser = await signUp(appConfig, email, "my password here");
      const recent = await post(browser, "account/email", { email: address("recent-target") });
      expect(await recent.json()).toEqual({ url: "http://localhost:3000/api/auth/verify-request?type=change" });
      vi.setSystemTime(Date.now() + 300_000);
      const stale = await post(browser, "account/email", { email: address("stale-target") });
      expect(stale.status).toBe(401);
      expect(await stale.json()).toMatchObject({ error: "ReauthenticationRequired" });
      expect((await post(browser, "account/email", { email: address("stale-target"), password: "my password here" })).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  test("[step-up] a user without a password (signed in another way) moves with a recent sign-in only", async () => {
    const { appConfig } = app();
    const email = address("no-password");
    const adapter = SqlAdapter(database.db);
    const user = await adapter.createUser!({ name: null, email, emailVerified: new Date(), image: null });
    const { createDatabaseSession } = await import("../../src/core/session/database-session.js");
    const { createContext } = await import("../../src/core/context.js");
    const { resolveConfig } = await import("../../src/core/config/resolve.js");
    const sessionOf = async (token: Record<string, unknown>) => {
      const browser = new Browser(appConfig);
      const cookies = await createDatabaseSession(createContext(browser.request("/"), resolveConfig(appConfig)), user, token);
      browser.store(new Response(null, { headers: cookies.map((c) => ["set-cookie", c] as [string, string]) }));
      return browser;
    };
    // A session with no auth_time (from before Sesame recorded it) is never recent.
    const old = await post(await sessionOf({}), "account/email", { email: address("nowhere") });
    expect(await old.json()).toMatchObject({ error: "ReauthenticationRequired" });
    const signedInNow = await sessionOf({ amr: ["oauth"], auth_time: Math.floor(Date.now() / 1000) });
    expect((await post(signedInNow, "account/email", { email: address("somewhere") })).status).toBe(200);
  });

  test("[step-up] the password: a recent sign-in is not enough, the current password is always asked (ASVS 2.1.6)", async () => {
    const { appConfig } = app();
    const email = address("always-current");
    const browser = await signUp(appConfig, email, "old password here");
    const withoutCurrent = await post(browser, "account/password", { newPassword: "new password here" });
    expect(withoutCurrent.status).toBe(401);
    expect(await withoutCurrent.json()).toMatchObject({ error: "CredentialsSignin" });
    expect((await signIn(appConfig, email, "old password here")).signedIn).toBe(true);
  });

  test("[enumeration] moving to an address that has an account: the same answer, no link; that account's owner is told", async () => {
    const { appConfig } = app();
    const mine = address("mine");
    const theirs = address("theirs");
    await signUp(appConfig, theirs);
    const browser = await signUp(appConfig, mine, "my password here");
    outbox.length = 0;
    const free = address("free-target");
    const answers = await Promise.all(
      [theirs, free].map(async (email) => {
        const response = await post(browser, "account/email", { email, password: "my password here" });
        return { status: response.status, body: await response.json() };
      }),
    );
    expect(answers[0]).toEqual(answers[1]);
    const [note] = await mailTo(theirs);
    expect(note?.text).not.toContain("token=");
    expect((await userRow(mine))?.email).toBe(mine);
  });

  test("an unverified address is verified by its link", async () => {
    const { appConfig, events } = app();
    const email = address("unverified-user");
    const adapter = SqlAdapter(database.db);
    await adapter.createUserWithPassword!({ name: null, email, emailVerified: null, image: null }, await hashPassword("pw pw pw pw", HASH));
    // Signed in some other way (its sessions are the adapter's): a database session for the user.
    const user = await adapter.getUserByEmail(email);
    const browser = new Browser(appConfig);
    const { createDatabaseSession } = await import("../../src/core/session/database-session.js");
    const { createContext } = await import("../../src/core/context.js");
    const { resolveConfig } = await import("../../src/core/config/resolve.js");
    const cookies = await createDatabaseSession(createContext(browser.request("/"), resolveConfig(appConfig)), user!, {});
    browser.store(new Response(null, { headers: cookies.map((c) => ["set-cookie", c] as [string, string]) }));
    const requested = await post(browser, "account/verify-email", {});
    expect(await requested.json()).toEqual({ url: "http://localhost:3000/api/auth/verify-request?type=verify" });
    expect((await confirm(new Browser(appConfig), await linkTo(email))).status).toBe(200);
    expect((await userRow(email))?.email_verified).not.toBeNull();
    expect(events.map(([name]) => name)).toContain("emailVerified");
  });
});

describe("where the requests come from", () => {
  test("[CSRF] every account POST without the token is refused (403) and changes nothing", async () => {
    const { appConfig } = app();
    const email = address("csrf");
    const browser = await signUp(appConfig, email, "my password here");
    await browser.csrf();
    outbox.length = 0;
    for (const route of ["signup/credentials", "reset-password/request", "reset-password", "verify-email", "account/password", "account/email", "account/verify-email"]) {
      const response = await browser.postJson(`/api/auth/${route}`, { email, password: "new password here", currentPassword: "my password here", newPassword: "new password here" });
      expect([route, response.status]).toEqual([route, 403]);
    }
    expect(await mailTo(email)).toEqual([]);
    expect((await signIn(appConfig, email, "my password here")).signedIn).toBe(true);
  });

  test("[host poisoning] a forged X-Forwarded-Host never becomes the origin of a mailed link: production without AUTH_URL sends nothing", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("AUTH_URL", undefined);
    vi.stubEnv("NEXTAUTH_URL", undefined);
    const { appConfig } = app({ logger: { error: () => {} } });
    const email = address("poison");
    const browser = new Browser(appConfig);
    const forged = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
    const csrfToken = ((await (await browser.fetch("/api/auth/csrf", { headers: forged })).json()) as { csrfToken: string }).csrfToken;
    for (const route of ["signup/credentials", "reset-password/request"]) {
      const response = await browser.postJson(`/api/auth/${route}`, { csrfToken, email, password: "a fine long password" }, forged);
      expect(response.status).toBe(500);
    }
    expect(await mailTo(email)).toEqual([]);
  });

  test("[host poisoning] notices without a link never name a forged host: a password or email change behind X-Forwarded-Host evil.example says \"this site\"", async () => {
    const { appConfig } = app();
    const email = address("notice");
    const browser = await signUp(appConfig, email, "old password here");
    const forged = { "x-forwarded-host": "evil.example" };
    const csrfToken = await browser.csrf();
    const changed = await browser.postJson("/api/auth/account/password", { csrfToken, currentPassword: "old password here", newPassword: "new password here" }, forged);
    expect(await changed.json()).toEqual({ ok: true });
    const notice = await vi.waitFor(async () => {
      const found = (await mailTo(email)).find((message) => /was changed/.test(message.subject));
      expect(found).toBeDefined();
      return found!;
    });
    expect(notice.subject).toBe("Your password on this site was changed");
    expect(JSON.stringify(notice)).not.toContain("evil.example");
    // Without the forged header, the notice names the app's own host.
    await post(browser, "account/password", { currentPassword: "new password here", newPassword: "newer password here" });
    await vi.waitFor(async () => expect((await mailTo(email)).map((message) => message.subject)).toContain("Your password on localhost:3000 was changed"));
  });

  test("with allowedHosts, the link is on the allowed host the request came for, https in production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("AUTH_URL", undefined);
    const { appConfig } = app({ allowedHosts: ["accounts.example.com"] });
    const email = address("allowed");
    const browser = new Browser(appConfig, "https://accounts.example.com");
    await post(browser, "reset-password/request", { email });
    const refused = await browser.postJson("/api/auth/signup/credentials", { csrfToken: await browser.csrf(), email, password: "a fine long password" }, { "x-forwarded-host": "evil.example" });
    expect(refused.status).toBe(400);
    await post(browser, "signup/credentials", { email, password: "a fine long password" });
    const [message] = await mailTo(email);
    expect(message?.text).toContain("https://accounts.example.com/api/auth/verify-email?");
  });
});

describe("configuration", () => {
  const email = () => Email({ sendVerificationRequest: () => {}, sendMail: () => {} });
  const resolve = (config: SesameConfig) => Auth(new Request("http://localhost:3000/api/auth/providers"), { secret: SECRET, trustHost: true, ...config });
  const configurationError = async (config: SesameConfig, logged: RegExp) => {
    const errors: Error[] = [];
    const response = await resolve({ ...config, logger: { error: (e) => errors.push(e) } });
    expect(response.status).toBe(500);
    expect(errors.map((e) => e.message).join("\n")).toMatch(logged);
  };

  test("Password() is refused without an adapter, with an adapter lacking password storage, without an email transport, and with JWT sessions that a reset could not end", async () => {
    await configurationError({ providers: [Password()] }, /configure an `adapter`/);
    const { getPasswordHash: _, ...withoutPasswords } = MemoryAdapter();
    await configurationError({ adapter: withoutPasswords, providers: [Password(), email()] }, /lacks `getPasswordHash`/);
    await configurationError({ adapter: MemoryAdapter(), providers: [Password()] }, /add an email provider/);
    await configurationError({ adapter: MemoryAdapter(), providers: [Password(), Email({ sendVerificationRequest: () => {}, sendMail: undefined })] }, /has no `sendMail`/);
    await configurationError({ adapter: MemoryAdapter(), session: { strategy: "jwt" }, providers: [Password(), email()] }, /needs `revocation`/);
    await configurationError({ adapter: MemoryAdapter(), providers: [Password(), Password({ id: "second" }), email()] }, /Two Password\(\) providers/);
    await configurationError({ adapter: MemoryAdapter(), providers: [Password({ reauthenticateAfter: -1 }), email()] }, /reauthenticateAfter \}\) of provider "credentials" must be a whole number of seconds from 0 to 86400/);
    expect((await resolve({ adapter: MemoryAdapter(), providers: [Password(), email()] })).status).toBe(200);
  });

  test("without Password(), the account routes do not exist", async () => {
    const browser = new Browser({ secret: SECRET, trustHost: true, providers: [] });
    const page = await browser.fetch("/api/auth/signup");
    expect(page.headers.get("location")).toBe("http://localhost:3000/api/auth/error?error=UnknownAction");
    expect((await post(browser, "reset-password/request", { email: "a@example.com" })).status).toBe(404);
  });

  test("the built-in sign-in page links to sign-up and reset; the sign-up page posts to the provider", async () => {
    const { appConfig } = app();
    const browser = new Browser(appConfig);
    const signin = await (await browser.fetch("/api/auth/signin")).text();
    expect(signin).toContain('href="http://localhost:3000/api/auth/reset-password"');
    expect(signin).toContain("/api/auth/signup?callbackUrl=");
    const signup = await (await browser.fetch("/api/auth/signup")).text();
    expect(signup).toContain('action="http://localhost:3000/api/auth/signup/credentials"');
    expect(signup).toContain('autocomplete="new-password"');
    const custom = await new Browser({ ...appConfig, pages: { signUp: "/register", resetPassword: "/forgot" } }).fetch("/api/auth/reset-password?email=a%40b.co&token=t");
    expect(custom.headers.get("location")).toBe("http://localhost:3000/forgot?email=a%40b.co&token=t");
  });
});
