/**
 * Second factors (`twoFactor`), end to end through `Auth()`: real HTTP requests, a real SQLite database (and
 * the MemoryAdapter), TOTP codes computed here from the secret the enrolment returned, as an authenticator
 * app would. Only `Date` is faked, to move between TOTP time steps. Each attack is a test, named after it.
 */
import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { MemoryAdapter } from "../../src/adapters/memory.js";
import { SqlAdapter } from "../../src/adapters/sql.js";
import { Auth, MemoryRevocationStore, type SesameConfig, type TwoFactorOptions } from "../../src/index.js";
import { totpCode } from "../../src/core/mfa/totp.js";
import { sqliteDatabase, type TestDatabase } from "../support/databases.js";
import { advance, namedUsers as users, username } from "../support/two-factor.js";
import { Browser, SECRET, setCookies } from "../support/helpers.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await sqliteDatabase();
});
afterAll(() => database.drop());
afterEach(() => {
  vi.useRealTimers();
});


type Strategy = "jwt" | "database";

function app({ strategy = "jwt", twoFactor = {}, adapter = SqlAdapter(database.db) }: { strategy?: Strategy; twoFactor?: TwoFactorOptions; adapter?: SesameConfig["adapter"] } = {}) {
  const events: string[] = [];
  const appConfig: SesameConfig = {
    secret: SECRET,
    trustHost: true,
    adapter,
    providers: [users],
    session: { strategy, exposeUserId: true },
    ...(strategy === "jwt" && { revocation: { store: MemoryRevocationStore() } }),
    twoFactor: { issuer: "Acme", ...twoFactor },
    events: { twoFactorEnabled: () => void events.push("twoFactorEnabled"), twoFactorDisabled: () => void events.push("twoFactorDisabled") },
  };
  return { appConfig, events };
}

interface SessionBody {
  user?: { id?: string };
  amr?: string[];
  authTime?: string;
}


async function post(browser: Browser, path: string, fields: Record<string, string> = {}) {
  return browser.postJson(`/api/auth/${path}`, { csrfToken: await browser.csrf(), ...fields });
}

async function signInFirstFactor(appConfig: SesameConfig, name: string, browser = new Browser(appConfig)) {
  const response = await browser.postForm("/api/auth/callback/credentials", { csrfToken: await browser.csrf(), username: name, password: `pw-${name}` });
  return { browser, response };
}

/** Signs `name` in (no factor yet), enrols TOTP, and returns the secret and backup codes. */
async function enrolled(appConfig: SesameConfig, name: string) {
  const { browser } = await signInFirstFactor(appConfig, name);
  const started = (await (await post(browser, "two-factor/enrol")).json()) as { secret: string; uri: string; qrSvg: string; enrolment: string };
  const confirmed = await post(browser, "two-factor/confirm", { enrolment: started.enrolment, code: totpCode(started.secret) });
  expect(confirmed.status).toBe(200);
  const { backupCodes } = (await confirmed.json()) as { backupCodes: string[] };
  // The enrolment used this time step: later sign-ins use the next one.
  advance(30);
  return { browser, secret: started.secret, backupCodes, started };
}

const factorRows = (userId: string) => database.db.selectFrom("sesame_factors").selectAll().where("user_id", "=", userId).execute();

describe("enrolling an authenticator app", () => {
  test("enrol returns a secret, its otpauth URI and a QR code, and stores nothing until a code proves the app has it", async () => {
    const { appConfig, events } = app();
    const name = username("enrol");
    const { browser } = await signInFirstFactor(appConfig, name);
    const started = (await (await post(browser, "two-factor/enrol")).json()) as { secret: string; uri: string; qrSvg: string; enrolment: string };
    expect(started.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.uri).toBe(`otpauth://totp/Acme:${name}%40example.com?issuer=Acme&secret=${started.secret}&algorithm=SHA1&digits=6&period=30`);
    expect(started.qrSvg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(await factorRows(`user-${name}`)).toEqual([]);

    const wrong = await post(browser, "two-factor/confirm", { enrolment: started.enrolment, code: "000000" === totpCode(started.secret) ? "111111" : "000000" });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: "SecondFactorFailed" });
    expect(await factorRows(`user-${name}`)).toEqual([]);

    const confirmed = await post(browser, "two-factor/confirm", { enrolment: started.enrolment, code: totpCode(started.secret) });
    const { backupCodes } = (await confirmed.json()) as { backupCodes: string[] };
    expect(backupCodes).toHaveLength(10);
    expect(new Set(backupCodes).size).toBe(10);
    for (const code of backupCodes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    expect(events).toEqual(["twoFactorEnabled"]);

    // At rest: the TOTP secret sealed, the backup codes as hashes.
    const rows = await factorRows(`user-${name}`);
    expect(rows.map((row) => row.kind).sort()).toEqual(["backup-code", ...Array(9).fill("backup-code"), "totp"]);
    const all = JSON.stringify(rows);
    expect(all).not.toContain(started.secret);
    for (const code of backupCodes) {
      expect(all).not.toContain(code);
      expect(all).not.toContain(code.replace("-", ""));
    }
    expect(rows.find((row) => row.kind === "totp")?.data.split(".")).toHaveLength(5); // a compact JWE
  });

  test("[cross-account] an enrolment made in one account's session cannot be confirmed in another's", async () => {
    const { appConfig } = app();
    const mallory = await signInFirstFactor(appConfig, username("mallory"));
    const started = (await (await post(mallory.browser, "two-factor/enrol")).json()) as { secret: string; enrolment: string };
    const victim = username("victim");
    const { browser } = await signInFirstFactor(appConfig, victim);
    const response = await post(browser, "two-factor/confirm", { enrolment: started.enrolment, code: totpCode(started.secret) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "InvalidRequest" });
    expect(await factorRows(`user-${victim}`)).toEqual([]);
  });

  test("[signed out] every account route needs a session; [CSRF] every POST needs the token", async () => {
    const { appConfig } = app();
    const browser = new Browser(appConfig);
    for (const path of ["two-factor/enrol", "two-factor/confirm", "two-factor/backup-codes", "two-factor/disable", "account/forget-device"]) {
      const response = await post(browser, path);
      expect(response.status, path).toBe(401);
      expect(await response.json()).toMatchObject({ error: "SessionRequired" });
    }
    expect((await browser.fetch("/api/auth/account/security")).status).toBe(401);
    const { browser: signedIn } = await signInFirstFactor(appConfig, username("csrf"));
    for (const path of ["two-factor/enrol", "two-factor/disable", "second-factor"]) {
      const response = await signedIn.postJson(`/api/auth/${path}`, {});
      expect(response.status, path).toBe(403);
      expect(await response.json()).toMatchObject({ error: "MissingCSRF" });
    }
  });

  test("[old session] enrolling and disabling need a recent sign-in, else the password or a code", async () => {
    const { appConfig, events } = app({ twoFactor: { reauthenticateAfter: 60 } });
    const name = username("stale");
    const { browser, secret } = await enrolled(appConfig, name);
    advance(120); // the sign-in is now older than a minute
    const refused = await post(browser, "two-factor/disable");
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: "ReauthenticationRequired" });
    const wrong = await post(browser, "two-factor/disable", { code: "123456" === totpCode(secret) ? "654321" : "123456" });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: "CredentialsSignin" });
    expect((await factorRows(`user-${name}`)).length).toBe(11);

    const disabled = await post(browser, "two-factor/disable", { code: totpCode(secret) });
    expect(disabled.status).toBe(200);
    expect(await factorRows(`user-${name}`)).toEqual([]);
    expect(events).toEqual(["twoFactorEnabled", "twoFactorDisabled"]);
    // Without a factor, the next sign-in is a session at once.
    const { response } = await signInFirstFactor(appConfig, name);
    expect(response.headers.get("location")).toBe("http://localhost:3000/");
  });
});

describe.each<Strategy>(["jwt", "database"])("signing in with a second factor (%s sessions)", (strategy) => {
  test("the first factor gives a pending sign-in, not a session; the code completes it, with both factors in amr", async () => {
    const { appConfig } = app({ strategy });
    const name = username("signin");
    const { secret } = await enrolled(appConfig, name);

    const { browser, response } = await signInFirstFactor(appConfig, name);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("http://localhost:3000/api/auth/second-factor");
    const cookies = setCookies(response);
    expect(cookies.map((c) => c.name)).toEqual(["sesame.pending-sign-in"]);
    expect(cookies[0]?.attributes).toMatchObject({ httponly: true, path: "/", "max-age": "300" });
    expect(String(cookies[0]?.attributes.samesite).toLowerCase()).toBe("lax");
    expect(await browser.session()).toBeNull();

    const page = await browser.fetch("/api/auth/second-factor");
    expect(await page.text()).toContain('autocomplete="one-time-code"');

    const before = Math.floor(Date.now() / 1000);
    const done = await post(browser, "second-factor", { code: totpCode(secret) });
    expect(await done.json()).toEqual({ url: "http://localhost:3000/" });
    const session = (await browser.session()) as SessionBody;
    expect(session.user?.id).toBe(`user-${name}`);
    expect(session.amr).toEqual(["credentials", "totp"]);
    expect(Date.parse(session.authTime ?? "") / 1000).toBeGreaterThanOrEqual(before);
    expect(browser.jar.has("sesame.pending-sign-in")).toBe(false);
  });

  test("[replay] a TOTP code completes one sign-in: the same code in a second sign-in is refused", async () => {
    const { appConfig } = app({ strategy });
    const name = username("replay");
    const { secret } = await enrolled(appConfig, name);
    const code = totpCode(secret);
    const first = await signInFirstFactor(appConfig, name);
    expect((await post(first.browser, "second-factor", { code })).status).toBe(200);
    const second = await signInFirstFactor(appConfig, name);
    const replayed = await post(second.browser, "second-factor", { code });
    expect(replayed.status).toBe(400);
    expect(await replayed.json()).toMatchObject({ error: "SecondFactorFailed" });
    expect(await second.browser.session()).toBeNull();
  });
});

describe.each<Strategy>(["jwt", "database"])("amr and auth_time (%s sessions)", (strategy) => {
  test("[forged update] a jwt callback that merges update() data cannot make the client's amr or auth_time the session's", async () => {
    const { appConfig } = app({ strategy });
    appConfig.callbacks = { jwt: ({ token, trigger, session }) => (trigger === "update" ? { ...token, ...(session as object) } : token) };
    const name = username("forged");
    const { browser } = await signInFirstFactor(appConfig, name);
    const before = (await browser.session()) as SessionBody;
    expect(before.amr).toEqual(["credentials"]);
    advance(3600);
    const forged = { amr: ["credentials", "totp"], auth_time: Math.floor(Date.now() / 1000), note: "kept" };
    const updated = await browser.postJson("/api/auth/session", { csrfToken: await browser.csrf(), data: forged });
    expect(updated.status).toBe(200);
    const after = (await browser.session()) as SessionBody & { note?: string };
    expect(after.amr).toEqual(["credentials"]);
    expect(after.authTime).toBe(before.authTime);
  });
});

describe("the pending sign-in", () => {
  test("[as a session] the pending cookie, under the session cookie's name, is no session", async () => {
    const { appConfig } = app();
    const name = username("forge");
    await enrolled(appConfig, name);
    const { browser } = await signInFirstFactor(appConfig, name);
    const pending = browser.jar.get("sesame.pending-sign-in") ?? "";
    expect(pending).toMatch(/^[\w-]{43}$/);
    const forger = new Browser(appConfig);
    forger.jar.set("sesame.session-token", pending);
    expect(await forger.session()).toBeNull();
    // Nor does the account API take it.
    expect((await forger.fetch("/api/auth/account/security")).status).toBe(401);
  });

  test("[another browser] a code posted from a browser without the pending cookie completes nothing", async () => {
    const { appConfig } = app();
    const name = username("moved");
    const { secret } = await enrolled(appConfig, name);
    const { browser } = await signInFirstFactor(appConfig, name);
    const other = new Browser(appConfig);
    const response = await post(other, "second-factor", { code: totpCode(secret) });
    expect(response.status).toBe(400);
    expect(await other.session()).toBeNull();
    // The owner's browser still completes it: the stray try touched nothing.
    expect((await post(browser, "second-factor", { code: totpCode(secret) })).status).toBe(200);
  });

  test("[replay] once completed, the pending cookie completes nothing again, even with a new code", async () => {
    const { appConfig } = app();
    const name = username("spent");
    const { secret } = await enrolled(appConfig, name);
    const { browser } = await signInFirstFactor(appConfig, name);
    const pending = browser.jar.get("sesame.pending-sign-in") ?? "";
    expect((await post(browser, "second-factor", { code: totpCode(secret) })).status).toBe(200);
    advance(30);
    const thief = new Browser(appConfig);
    thief.jar.set("sesame.pending-sign-in", pending);
    const again = await post(thief, "second-factor", { code: totpCode(secret) });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: "SecondFactorFailed", message: expect.stringContaining("sign in again") });
    expect(await thief.session()).toBeNull();
  });

  test("[expiry] a pending sign-in older than pendingMaxAge completes nothing", async () => {
    const { appConfig } = app({ twoFactor: { pendingMaxAge: 60 } });
    const name = username("late");
    const { secret } = await enrolled(appConfig, name);
    const { browser } = await signInFirstFactor(appConfig, name);
    advance(90);
    const late = await post(browser, "second-factor", { code: totpCode(secret) });
    expect(late.status).toBe(400);
    expect(await browser.session()).toBeNull();
  });

  test("[brute force] after maxAttempts wrong codes the pending sign-in is void: even the right code fails", async () => {
    const { appConfig } = app({ twoFactor: { maxAttempts: 3 } });
    const name = username("guess");
    const { secret } = await enrolled(appConfig, name);
    const { browser } = await signInFirstFactor(appConfig, name);
    const right = totpCode(secret);
    const wrongCodes = ["000000", "111111", "222222", "333333"].filter((code) => code !== right).slice(0, 3);
    const answers = [];
    for (const code of wrongCodes.slice(0, 2)) answers.push(((await (await post(browser, "second-factor", { code })).json()) as { message: string }).message);
    expect(answers[0]).toContain("not right");
    expect(browser.jar.has("sesame.pending-sign-in")).toBe(true);
    // The last try, from the built-in page's form: the sign-in is over, its cookie goes, and so does the user, to sign in.
    const last = await browser.postForm("/api/auth/second-factor", { csrfToken: await browser.csrf(), code: wrongCodes[2]! });
    expect(last.status).toBe(302);
    expect(last.headers.get("location")).toBe("http://localhost:3000/api/auth/signin?error=SecondFactorFailed");
    expect(setCookies(last).find((cookie) => cookie.name === "sesame.pending-sign-in")?.attributes["max-age"]).toBe("0");
    const late = await post(browser, "second-factor", { code: right });
    expect(late.status).toBe(400);
    expect(await browser.session()).toBeNull();
  });

  test("[race] the right code posted twice at once starts one session", async () => {
    const { appConfig } = app();
    const name = username("race");
    const { secret } = await enrolled(appConfig, name);
    const { browser } = await signInFirstFactor(appConfig, name);
    const csrfToken = await browser.csrf();
    const code = totpCode(secret);
    const tries = await Promise.all(Array.from({ length: 4 }, () => browser.postJson("/api/auth/second-factor", { csrfToken, code })));
    expect(tries.map((r) => r.status).sort()).toEqual([200, 400, 400, 400]);
  });

  test("[double submit] a try that finds the sign-in held by a concurrent one leaves the pending cookie: once put back, the right code completes it", async () => {
    const adapter = SqlAdapter(database.db);
    const { appConfig } = app({ adapter });
    const name = username("double");
    const { secret } = await enrolled(appConfig, name);
    const { browser } = await signInFirstFactor(appConfig, name);
    // A concurrent try holds the sign-in: taken out of the store (as takeSignIn does), to be put back.
    const row = { identifier: "second-factor", tokenHash: createHash("sha256").update(browser.jar.get("sesame.pending-sign-in")!).digest("base64url") };
    const held = await adapter.useAccountToken!(row);
    expect(held).not.toBeNull();
    const meanwhile = await browser.postForm("/api/auth/second-factor", { csrfToken: await browser.csrf(), code: "000000" });
    expect(meanwhile.headers.get("location")).toContain("/api/auth/second-factor?error=SecondFactorFailed");
    expect(setCookies(meanwhile).map((cookie) => cookie.name)).not.toContain("sesame.pending-sign-in");
    await adapter.createAccountToken!(held!);
    expect((await post(browser, "second-factor", { code: totpCode(secret) })).status).toBe(200);
  });

  test("[hostile input] a missing, non-string or 1 MB code is a 400 with a code, and no try is lost on junk it cannot be", async () => {
    const { appConfig } = app();
    const name = username("junk");
    const { secret } = await enrolled(appConfig, name);
    const { browser } = await signInFirstFactor(appConfig, name);
    for (const code of [undefined, 123456, "9".repeat(1_000_000), "'; drop table", "12345", "1234567"]) {
      const response = await browser.postJson("/api/auth/second-factor", { csrfToken: await browser.csrf(), code });
      expect(response.status).toBeLessThan(500);
      expect(await response.json()).toMatchObject({ error: expect.any(String) });
    }
    // Six junk tries, and maxAttempts is five: none of them was a try.
    expect((await post(browser, "second-factor", { code: totpCode(secret) })).status).toBe(200);
  });
});

describe("backup codes", () => {
  test("a backup code completes a sign-in once; the rest still work; regenerating replaces them all", async () => {
    const { appConfig } = app();
    const name = username("backup");
    const { backupCodes, browser: enrolledBrowser, secret } = await enrolled(appConfig, name);
    const [first, second] = backupCodes as [string, string];
    const one = await signInFirstFactor(appConfig, name);
    expect((await post(one.browser, "second-factor", { code: first.toUpperCase() })).status).toBe(200);
    expect(((await one.browser.session()) as SessionBody).amr).toEqual(["credentials", "backup-code"]);
    const two = await signInFirstFactor(appConfig, name);
    expect((await post(two.browser, "second-factor", { code: first })).status).toBe(400);
    expect((await post(two.browser, "second-factor", { code: second.replace("-", " ") })).status).toBe(200);
    expect(((await (await enrolledBrowser.fetch("/api/auth/account/security")).json()) as { backupCodesLeft: number }).backupCodesLeft).toBe(8);

    const renewed = (await (await post(enrolledBrowser, "two-factor/backup-codes", { code: totpCode(secret) })).json()) as { backupCodes: string[] };
    expect(renewed.backupCodes).toHaveLength(10);
    const three = await signInFirstFactor(appConfig, name);
    expect((await post(three.browser, "second-factor", { code: backupCodes[2] ?? "" })).status).toBe(400);
    expect((await post(three.browser, "second-factor", { code: renewed.backupCodes[0] ?? "" })).status).toBe(200);
  });

  test("[cross-account] one user's backup code is nothing to another user", async () => {
    const { appConfig } = app();
    const a = await enrolled(appConfig, username("a"));
    const nameB = username("b");
    await enrolled(appConfig, nameB);
    const b = await signInFirstFactor(appConfig, nameB);
    expect((await post(b.browser, "second-factor", { code: a.backupCodes[0] ?? "" })).status).toBe(400);
  });
});

describe("remembered devices", () => {
  test("a remembered browser skips the second factor (amr says so); forgetting it asks again; other browsers always ask", async () => {
    const { appConfig } = app({ twoFactor: { rememberDevice: { days: 30 } } });
    const name = username("device");
    const { secret } = await enrolled(appConfig, name);
    const { browser, response } = await signInFirstFactor(appConfig, name);
    expect(response.headers.get("location")).toMatch(/second-factor$/);
    expect(await (await browser.fetch("/api/auth/second-factor")).text()).toContain("Remember this device for 30 days");
    const done = await browser.postJson("/api/auth/second-factor", { csrfToken: await browser.csrf(), code: totpCode(secret), remember: "1" });
    const device = setCookies(done).find((c) => c.name === "sesame.device");
    expect(device?.attributes).toMatchObject({ httponly: true, "max-age": String(30 * 86_400) });

    // Signed out, then in again on the same browser: no second factor.
    await post(browser, "signout");
    const again = await signInFirstFactor(appConfig, name, browser);
    expect(again.response.headers.get("location")).toBe("http://localhost:3000/");
    expect(((await browser.session()) as SessionBody).amr).toEqual(["credentials", "device"]);

    // The device cookie is nothing to another user, nor on its own.
    const elsewhere = await signInFirstFactor(appConfig, name);
    expect(elsewhere.response.headers.get("location")).toMatch(/second-factor$/);

    const { devices } = (await (await browser.fetch("/api/auth/account/security")).json()) as { devices: Array<{ id: string; name: string; current: boolean }> };
    expect(devices).toHaveLength(1);
    expect(devices[0]?.current).toBe(true);
    expect((await post(browser, "account/forget-device", { id: devices[0]?.id ?? "" })).status).toBe(200);
    await post(browser, "signout");
    const forgotten = await signInFirstFactor(appConfig, name, browser);
    expect(forgotten.response.headers.get("location")).toMatch(/second-factor$/);
  });

  test("[other user's device] forgetting takes only the user's own devices, and not their other factors", async () => {
    const { appConfig } = app({ twoFactor: { rememberDevice: { days: 7 } } });
    const victim = username("victim");
    await enrolled(appConfig, victim);
    const [totp] = (await factorRows(`user-${victim}`)).filter((row) => row.kind === "totp");
    const attacker = await signInFirstFactor(appConfig, username("attacker"));
    const response = await post(attacker.browser, "account/forget-device", { id: totp?.id ?? "" });
    expect(response.status).toBe(400);
    const own = await enrolled(appConfig, username("own"));
    const [ownTotp] = (await factorRows(`user-${(((await own.browser.session()) as SessionBody).user?.id ?? "").slice(5)}`)).filter((row) => row.kind === "totp");
    expect((await post(own.browser, "account/forget-device", { id: ownTotp?.id ?? "x" })).status).toBe(400);
    expect((await factorRows(`user-${victim}`)).length).toBe(11);
  });
});

describe("configuration", () => {
  test("twoFactor needs an adapter that keeps factors; the numbers are bounded", async () => {
    const request = new Request("http://localhost:3000/api/auth/session");
    const answer = async (config: SesameConfig) => (await Auth(request, config)).status;
    const base = { secret: SECRET, trustHost: true, providers: [users] } satisfies SesameConfig;
    expect(await answer({ ...base, twoFactor: {} })).toBe(500);
    const { createFactors: _c, ...withoutFactors } = MemoryAdapter();
    expect(await answer({ ...base, adapter: withoutFactors, session: { strategy: "database" }, twoFactor: {} })).toBe(500);
    expect(await answer({ ...base, adapter: MemoryAdapter(), session: { strategy: "database" }, twoFactor: { maxAttempts: 1000 } })).toBe(500);
    expect(await answer({ ...base, adapter: MemoryAdapter(), session: { strategy: "database" }, twoFactor: {} })).toBe(200);
  });

  test("the MemoryAdapter serves the whole flow too", async () => {
    const { appConfig } = app({ strategy: "database", adapter: MemoryAdapter() });
    const name = username("memory");
    const { secret } = await enrolled(appConfig, name);
    const { browser } = await signInFirstFactor(appConfig, name);
    expect((await post(browser, "second-factor", { code: totpCode(secret) })).status).toBe(200);
    expect(((await browser.session()) as SessionBody).amr).toEqual(["credentials", "totp"]);
  });
});
