/**
 * Email-and-password accounts, second factors and passkeys in the example app, in a real browser: one
 * person's story from sign-up to a password reset, each step checked by what the page shows, what
 * `/api/auth/session` answers and which cookies the browser holds. The steps share the account (and a
 * browser), so they run in order; `example.test.ts` runs them on both storage kinds, on the same app.
 *
 * TOTP codes are computed here from the secret the security page shows, as an authenticator app would.
 * A code is accepted once per 30-second step and the server allows one step of drift, so the second code
 * is the next step's: no waiting. Backup codes do the rest. The app runs with `REAUTHENTICATE_AFTER=0`, so
 * every change to a factor goes through the "confirm it's you" prompt.
 */
import { Secret, TOTP } from "otpauth";
import type { APIResponse, BrowserContext, CDPSession, Page } from "playwright-core";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import type { Example } from "./harness";

const EMAIL = "dana@example.com";
const PASSWORD = "correct horse battery";
const NEW_PASSWORD = "staple gun lighthouse";
const SESSION_COOKIE = "sesame.session-token";
const PENDING_COOKIE = "sesame.pending-sign-in";
const DEVICE_COOKIE = "sesame.device";
/** Each step does several sign-ins and page loads; on a busy machine 20 s is not always enough. */
const STEP_TIMEOUT = 60_000;
/** Crockford's base32, as `xxxxx-xxxxx`. */
const BACKUP_CODE = /^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/;

interface SessionBody {
  user?: { email?: string; name?: string };
  amr?: string[];
}

/**
 * A GET with the browser's cookies (`page.request`), tried again once when the connection was reset: the
 * request context reuses idle keep-alive sockets, and one the server closes at that very moment (Node's
 * 5-second keep-alive timeout) fails with ECONNRESET — the network's doing, not the app's answer.
 */
async function get(page: Page, path: string, options: { maxRedirects?: number } = {}): Promise<APIResponse> {
  try {
    return await page.request.get(path, options);
  } catch (error) {
    if (!String(error).includes("ECONNRESET")) throw error;
    return page.request.get(path, options);
  }
}

/** The session as the app's API answers it, from inside the browser's cookie jar. */
async function session(page: Page): Promise<SessionBody | null> {
  return (await (await get(page, "/api/auth/session")).json()) as SessionBody | null;
}

async function cookie(page: Page, name: string) {
  return (await page.context().cookies()).find((c) => c.name === name);
}

/** An authenticator app: codes of successive time steps, never one step twice. */
class Authenticator {
  private readonly totp: TOTP;
  private lastStep = -1;
  constructor(secret: string) {
    this.totp = new TOTP({ secret: Secret.fromBase32(secret.replace(/\s+/g, "")), algorithm: "SHA1", digits: 6, period: 30 });
  }
  /** This step's code, or the next step's when this one was used: the server accepts one step ahead. */
  code(): string {
    const step = Math.max(Math.floor(Date.now() / 30_000), this.lastStep + 1);
    this.lastStep = step;
    return this.totp.generate({ timestamp: step * 30_000 });
  }
}

export function accountsSuite(app: () => Example): void {
  describe("email-and-password accounts, two-step verification and passkeys", () => {
    const contexts: BrowserContext[] = [];
    /** The person's main browser, kept across the steps. */
    let page: Page;
    let authenticator: Authenticator;
    let backupCodes: string[] = [];
    let replacedCodes: string[] = [];

    async function newPage(): Promise<Page> {
      const context = await app().newContext();
      contexts.push(context);
      return context.newPage();
    }

    afterAll(async () => {
      await Promise.all(contexts.map((context) => context.close()));
    });

    // On failure, a picture of every page of this story still open, named after the step.
    afterEach(async ({ task }) => {
      if (task.result?.state !== "fail") return;
      const pages = contexts.flatMap((context) => context.pages());
      await Promise.all(pages.map((open, i) => app().shot(open, `failed-accounts-${task.name.slice(0, 40).replace(/\W+/g, "-")}-${i}`).catch(() => {})));
    });

    async function signInWithAccount(on: Page, password: string) {
      if (new URL(on.url()).pathname !== "/login") await on.goto("/login");
      await on.fill("#account input[name=email]", EMAIL);
      await on.fill("#account input[name=password]", password);
      await on.click("#account button[type=submit]");
    }

    async function signOut(on: Page) {
      await on.goto("/");
      await on.click("#sign-out");
      await on.waitForSelector("text=You are not signed in.");
      expect(await cookie(on, SESSION_COOKIE)).toBeUndefined();
    }

    async function secondFactor(on: Page, code: string, remember = false) {
      await on.fill("#second-factor input[name=code]", code);
      if (remember) await on.check("#second-factor input[name=remember]");
      await on.click("#second-factor button[type=submit]");
    }

    /** The mail to `EMAIL` whose subject contains `subject`, as the inbox page lists it: follows its link. */
    async function followMailedLink(on: Page, subject: string): Promise<string> {
      await expect.poll(() => app().stack.mail.messages.some((mail) => mail.to === EMAIL && mail.subject.includes(subject))).toBe(true);
      await on.goto("/inbox");
      const link = on.locator(`li[data-to="${EMAIL}"]`, { hasText: subject }).first().locator(".magic-link");
      const href = (await link.getAttribute("href")) ?? "";
      await link.click();
      return href;
    }

    /** Answers the "confirm it's you" prompt with the password. */
    async function confirmWithPassword(on: Page, password = PASSWORD) {
      await on.waitForSelector("#reauth");
      await on.fill("#reauth-password", password);
      await on.click("#reauth-confirm");
    }

    test("sign-up: a weak password is refused; the account exists only once the emailed link is followed; then the password signs in", async () => {
      page = await newPage();
      await app().visit(page, "/", "accounts-home");
      await page.click("#home-signup");
      await page.waitForURL("**/signup");
      await page.fill("#signup input[name=name]", "Dana Example");
      await page.fill("#signup input[name=email]", EMAIL);
      await page.fill("#signup input[name=password]", "short");
      await page.click("#signup button[type=submit]");
      expect(await page.textContent("#error")).toMatch(/too short.*WeakPassword/);

      await page.fill("#signup input[name=password]", PASSWORD);
      await page.click("#signup button[type=submit]");
      await page.waitForURL("**/check-email?**");
      expect(new URL(page.url()).searchParams.get("type")).toBe("signup");
      expect(await page.textContent("#check-email")).toContain("Your account is created when you follow it");
      await app().shot(page, "signup-check-email");

      // Nothing was created yet: the password does not sign in.
      await page.goto("/login");
      await signInWithAccount(page, PASSWORD);
      await page.waitForSelector("#error");
      expect(await page.textContent("#error")).toContain("CredentialsSignin");

      await followMailedLink(page, "Confirm your email");
      await page.waitForURL("**/api/auth/verify-email?**");
      await app().shot(page, "signup-confirm");
      await page.click("button[type=submit]");
      // Confirmed: created, signed in, and on to the page the sign-up named.
      await page.waitForURL("**/security");
      expect(await session(page)).toMatchObject({ user: { email: EMAIL, name: "Dana Example" } });
      await page.waitForSelector("#two-factor-status");
      expect(await page.textContent("#two-factor-status")).toBe("off");

      await signOut(page);
      await signInWithAccount(page, PASSWORD);
      await page.waitForURL("**/dashboard");
      expect(await session(page)).toMatchObject({ user: { email: EMAIL }, amr: ["password"] });
      expect(await cookie(page, SESSION_COOKIE)).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    }, STEP_TIMEOUT);

    test("enrolling an authenticator app: confirm it's you, the QR code and secret, the first code, ten backup codes shown once, new ones replace them", async () => {
      await page.goto("/security");
      await page.click("#enrol");
      // REAUTHENTICATE_AFTER=0: the sign-in a moment ago is not recent enough to add a factor.
      await confirmWithPassword(page, "not my password");
      expect(await page.textContent("#reauth-error")).toContain("CredentialsSignin");
      await confirmWithPassword(page);
      await page.waitForSelector("#totp-qr svg");
      expect(await page.locator("#reauth").count()).toBe(0);
      const secret = (await page.textContent("#totp-secret")) ?? "";
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      await app().shot(page, "totp-enrol");
      // Nothing is stored until a code proves the app has the secret.
      expect(await (await get(page, "/api/auth/account/security")).json()).toMatchObject({ twoFactor: false });

      authenticator = new Authenticator(secret);
      await page.fill("#totp-code", authenticator.code());
      await page.click("#totp-confirm");
      await page.waitForSelector("#two-factor-message:has-text('Two-step verification is on')");
      replacedCodes = await page.locator("#backup-codes li").allTextContents();
      expect(replacedCodes).toHaveLength(10);
      for (const code of replacedCodes) expect(code).toMatch(BACKUP_CODE);
      expect(await page.textContent("#two-factor-status")).toBe("on");
      expect(await page.textContent("#backup-codes-left")).toBe("10");
      await app().shot(page, "totp-backup-codes");

      await page.click("#regenerate");
      await confirmWithPassword(page);
      await page.waitForSelector("#two-factor-message:has-text('New backup codes')");
      backupCodes = await page.locator("#backup-codes li").allTextContents();
      expect(backupCodes).toHaveLength(10);
      expect(backupCodes.filter((code) => replacedCodes.includes(code))).toEqual([]);

      // Shown once: a reload lists none of them.
      await page.reload();
      await page.waitForSelector("#two-factor-status");
      expect(await page.locator("#backup-codes li").count()).toBe(0);
      expect(await page.textContent("#backup-codes-left")).toBe("10");
    }, STEP_TIMEOUT);

    test("signing in now waits for the second factor: no session until a right code; a wrong code and a replaced backup code are refused", async () => {
      await signOut(page);
      await signInWithAccount(page, PASSWORD);
      await page.waitForURL("**/second-factor");
      await app().shot(page, "second-factor");
      // A pending sign-in is not a session.
      expect((await session(page))?.user).toBeUndefined();
      expect(await cookie(page, SESSION_COOKIE)).toBeUndefined();
      expect(await cookie(page, PENDING_COOKIE)).toMatchObject({ httpOnly: true, sameSite: "Lax" });
      const protectedPage = await get(page, "/dashboard", { maxRedirects: 0 });
      expect(protectedPage.headers().location).toContain("/login");

      await secondFactor(page, "000000");
      await page.waitForSelector("#error");
      expect(await page.textContent("#error")).toContain("SecondFactorFailed");
      await secondFactor(page, replacedCodes[0] ?? "");
      await page.waitForSelector("#error:has-text('SecondFactorFailed')");
      expect((await session(page))?.user).toBeUndefined();

      await secondFactor(page, authenticator.code());
      await page.waitForURL("**/dashboard");
      expect(await session(page)).toMatchObject({ user: { email: EMAIL }, amr: ["password", "totp"] });
    }, STEP_TIMEOUT);

    test("a backup code works once; 'remember this browser' skips the second step until the browser is forgotten", async () => {
      const [first, second, third] = backupCodes;
      await signOut(page);
      await signInWithAccount(page, PASSWORD);
      await page.waitForURL("**/second-factor");
      await secondFactor(page, first ?? "");
      await page.waitForURL("**/dashboard");
      expect(await session(page)).toMatchObject({ amr: ["password", "backup-code"] });

      await signOut(page);
      await signInWithAccount(page, PASSWORD);
      await page.waitForURL("**/second-factor");
      await secondFactor(page, first ?? "");
      await page.waitForSelector("#error");
      expect(await page.textContent("#error")).toContain("SecondFactorFailed");
      expect((await session(page))?.user).toBeUndefined();
      await secondFactor(page, second ?? "", true);
      await page.waitForURL("**/dashboard");
      expect(await cookie(page, DEVICE_COOKIE)).toMatchObject({ httpOnly: true, sameSite: "Lax" });

      await page.goto("/security");
      await page.waitForSelector("#devices tbody tr");
      expect(await page.textContent("#backup-codes-left")).toBe("8");
      expect(await page.locator("#devices tbody tr").count()).toBe(1);
      expect(await page.textContent("#devices tbody tr")).toContain("(this one)");
      await app().shot(page, "security-device");

      // Remembered: the password alone signs in, and the session says the device stood in for the code.
      await signOut(page);
      await signInWithAccount(page, PASSWORD);
      await page.waitForURL("**/dashboard");
      expect(await session(page)).toMatchObject({ amr: ["password", "device"] });

      await page.goto("/security");
      await page.click("#devices .forget");
      await page.waitForSelector("#no-devices");
      await signOut(page);
      await signInWithAccount(page, PASSWORD);
      await page.waitForURL("**/second-factor");
      await secondFactor(page, third ?? "");
      await page.waitForURL("**/dashboard");
    }, STEP_TIMEOUT);

    test("a passkey: added on the security page (virtual authenticator), renamed, signs in on its own and stands in for the code after the password; deleted, it no longer does", async () => {
      const cdp: CDPSession = await page.context().newCDPSession(page);
      await cdp.send("WebAuthn.enable", { enableUI: false });
      await cdp.send("WebAuthn.addVirtualAuthenticator", {
        options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
      });

      await page.goto("/security");
      await page.waitForSelector("#no-passkeys");
      await page.fill("#passkey-name", "Test laptop");
      await page.click("#add-passkey");
      await page.waitForSelector("#passkey-message:has-text('added')");
      expect(await page.locator(".passkey-name").allTextContents()).toEqual(["Test laptop"]);
      expect(await page.textContent(".passkey-used")).toBe("never");
      await page.click(".rename");
      await page.fill(".rename-input", "Work laptop");
      await page.click(".rename-save");
      await page.waitForSelector("#passkey-message:has-text('Renamed')");
      expect(await page.locator(".passkey-name").allTextContents()).toEqual(["Work laptop"]);
      await app().shot(page, "security-passkey");

      // A passkey is two factors in one: no second step.
      await signOut(page);
      await page.goto("/login?callbackUrl=%2Fsecurity");
      await page.click("#passkey button");
      await page.waitForURL("**/security");
      expect(await session(page)).toMatchObject({ user: { email: EMAIL }, amr: ["passkey"] });
      await page.waitForSelector(".passkey-used");
      expect(await page.textContent(".passkey-used")).not.toBe("never");

      // It also stands in for the code at the second step of a password sign-in.
      await signOut(page);
      await page.goto("/login?callbackUrl=%2Fsecurity");
      await signInWithAccount(page, PASSWORD);
      await page.waitForURL("**/second-factor");
      await page.click("#use-passkey");
      await page.waitForURL("**/security");
      expect(await session(page)).toMatchObject({ user: { email: EMAIL }, amr: ["password", "passkey"] });
      await page.waitForSelector(".passkey-used");

      // Deleting needs a recent sign-in: this one is.
      await page.click(".delete");
      await page.waitForSelector("#no-passkeys");
      await signOut(page);
      await page.goto("/login");
      await page.click("#passkey button");
      await page.waitForSelector("#passkey-error");
      expect(await page.textContent("#passkey-error")).toContain("WebAuthnVerificationError");
      expect((await session(page))?.user).toBeUndefined();
    }, STEP_TIMEOUT);

    test("a password reset by emailed link ends every session; the old password and the used link stop working; the security page changes the password", async () => {
      // Two browsers signed in before the reset.
      const laptop = page;
      await signInWithAccount(laptop, PASSWORD);
      await laptop.waitForURL("**/second-factor");
      await secondFactor(laptop, backupCodes[3] ?? "");
      await laptop.waitForURL("**/dashboard");
      const phone = await newPage();
      await signInWithAccount(phone, PASSWORD);
      await phone.waitForURL("**/second-factor");
      await secondFactor(phone, backupCodes[4] ?? "");
      await phone.waitForURL("**/dashboard");

      const other = await newPage();
      await other.goto("/login");
      await other.click("#forgot-link");
      await other.waitForURL("**/reset-password");
      await other.fill("#reset-request input[name=email]", EMAIL);
      await other.click("#reset-request button[type=submit]");
      await other.waitForURL("**/check-email?**");
      expect(new URL(other.url()).searchParams.get("type")).toBe("reset");
      const link = await followMailedLink(other, "Reset your password");
      // The library's link lands on the app's own page (`pages.resetPassword`), with the link's query.
      await other.waitForURL("**/reset-password?**");
      expect(new URL(other.url()).searchParams.get("email")).toBe(EMAIL);
      await other.fill("#reset-password input[name=password]", "short");
      await other.click("#reset-password button[type=submit]");
      await other.waitForSelector("#error");
      expect(await other.textContent("#error")).toContain("WeakPassword");
      await other.fill("#reset-password input[name=password]", NEW_PASSWORD);
      await other.click("#reset-password button[type=submit]");
      await other.waitForURL("**/login?notice=password-reset");
      await app().shot(other, "password-reset");

      // Both sessions from before the reset are over.
      for (const before of [laptop, phone]) {
        expect((await session(before))?.user).toBeUndefined();
        await before.goto("/dashboard");
        expect(new URL(before.url()).pathname).toBe("/login");
      }

      await signInWithAccount(other, PASSWORD);
      await other.waitForSelector("#error");
      expect(await other.textContent("#error")).toContain("CredentialsSignin");
      await signInWithAccount(other, NEW_PASSWORD);
      await other.waitForURL("**/second-factor");
      await secondFactor(other, backupCodes[5] ?? "");
      await other.waitForURL("**/dashboard");
      expect(await session(other)).toMatchObject({ user: { email: EMAIL }, amr: ["password", "backup-code"] });

      // The link worked once.
      const again = await newPage();
      await again.goto(link);
      await again.fill("#reset-password input[name=password]", "yet another password");
      await again.click("#reset-password button[type=submit]");
      await again.waitForSelector("#error");
      expect(await again.textContent("#error")).toContain("Verification");

      // And from the security page: the current password is checked before a new one is set.
      await other.goto("/security");
      await other.fill("#current-password", PASSWORD);
      await other.fill("#new-password", "a third good password");
      await other.click("#password button[type=submit]");
      await other.waitForSelector("#password-message");
      expect(await other.textContent("#password-message")).toContain("CredentialsSignin");
      await other.fill("#current-password", NEW_PASSWORD);
      await other.click("#password button[type=submit]");
      await other.waitForSelector("#password-message:has-text('Password changed')");
      expect((await session(other))?.user).toMatchObject({ email: EMAIL });
    }, STEP_TIMEOUT);
  });
}
