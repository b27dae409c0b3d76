// @vitest-environment jsdom
/**
 * The account helpers of `sesame-auth/react` (`signUp`, `confirmEmail`, `requestPasswordReset`, …) against the
 * real `Auth()` with `Password()`, `MemoryAdapter()` and an `Email()` whose mail lands in `outbox`. As in
 * session.test.ts, the tab's fetch goes to the server through a cookie jar, and each tab is a fresh module.
 */
import { waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { MemoryAdapter } from "../../src/adapters/memory.js";
import type { MailMessage, VerificationRequest } from "../../src/core/provider/email.js";
import Email from "../../src/providers/email.node.js";
import Password from "../../src/providers/password.node.js";
import type * as ReactClient from "../../src/react/index.js";
import { Browser, config } from "../support/helpers.js";

type ReactModule = typeof ReactClient;

const EMAIL = "bob@example.com";
const PASSWORD = "correct horse battery staple";

let server: Browser;
let outbox: MailMessage[];
let requests: { method: string; path: string; contentType: string | null; body: unknown }[];

async function openTab(): Promise<ReactModule> {
  vi.resetModules();
  return import("../../src/react/index.js");
}

beforeEach(() => {
  outbox = [];
  requests = [];
  server = new Browser(
    config({
      rateLimit: false,
      adapter: MemoryAdapter(),
      session: { strategy: "database" },
      providers: [Password({ hashOptions: { cost: 10 } }), Email({ sendVerificationRequest: () => {}, sendMail: (m) => void outbox.push(m) })],
    }),
  );
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), window.location.href);
    const method = init?.method ?? "GET";
    const contentType = new Headers(init?.headers).get("content-type");
    requests.push({ method, path: url.pathname, contentType, body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined });
    return server.fetch(url.pathname + url.search, init);
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** The link in the last mail to `to` (waiting briefly: mail goes out in the background). */
async function mailedLink(to: string, count = 1): Promise<URL> {
  await waitFor(() => expect(outbox.filter((m) => m.to === to).length).toBeGreaterThanOrEqual(count));
  const mail = outbox.filter((m) => m.to === to).at(-1)!;
  const match = /http:\/\/localhost[^\s"<>]+/.exec(mail.text);
  expect(match, `a link in: ${mail.text}`).not.toBeNull();
  return new URL(match![0]);
}

/** A tab signed in as a new account made through the helpers. */
async function signedUpTab(): Promise<ReactModule> {
  const tab = await openTab();
  expect(await tab.signUp("credentials", { email: EMAIL, password: PASSWORD, name: "Bob" })).toMatchObject({ ok: true });
  const link = await mailedLink(EMAIL);
  const result = await tab.confirmEmail({ purpose: "signup", email: link.searchParams.get("email")!, token: link.searchParams.get("token")! });
  expect(result).toMatchObject({ ok: true, status: 200 });
  return tab;
}

describe("signUp and confirmEmail", () => {
  test("signUp mails a link and answers the check-your-email page; confirmEmail signs in and refreshes the store", async () => {
    const tab = await openTab();
    const listener = vi.fn();
    const channel = new BroadcastChannel("sesame.session");
    channel.addEventListener("message", (event) => listener((event as MessageEvent).data));
    try {
      const signedUp = await tab.signUp("credentials", { email: EMAIL, password: PASSWORD, name: "Bob", callbackUrl: "/welcome" });
      expect(signedUp).toEqual({ ok: true, status: 200, url: expect.stringContaining("/api/auth/verify-request?type=signup") });
      // JSON with the CSRF token, as the brief of the API asks.
      const post = requests.find((r) => r.method === "POST" && r.path === "/api/auth/signup/credentials")!;
      expect(post.contentType).toBe("application/json");
      expect(post.body).toMatchObject({ email: EMAIL, password: PASSWORD, name: "Bob", callbackUrl: "/welcome", csrfToken: expect.stringMatching(/^[\w-]{43}$/) });
      // Nobody is signed in before the link is followed.
      expect(await tab.getSession()).toBeNull();

      const link = await mailedLink(EMAIL);
      expect(link.pathname).toBe("/api/auth/verify-email");
      expect(link.searchParams.get("purpose")).toBe("signup");
      const sessionFetches = () => requests.filter((r) => r.method === "GET" && r.path === "/api/auth/session").length;
      const before = sessionFetches();
      const confirmed = await tab.confirmEmail({ purpose: "signup", email: link.searchParams.get("email")!, token: link.searchParams.get("token")! });
      expect(confirmed).toEqual({ ok: true, status: 200, url: "http://localhost:3000/welcome" });
      // confirmEmail refreshed the tab's session store itself.
      expect(sessionFetches()).toBe(before + 1);
      const session = await tab.getSession();
      expect(session?.user).toMatchObject({ name: "Bob", email: EMAIL });
      await waitFor(() => expect(listener).toHaveBeenCalledWith(expect.objectContaining({ event: "session", trigger: "signin" })));

      // The link is spent: a second use is refused, not thrown.
      const again = await tab.confirmEmail({ purpose: "signup", email: link.searchParams.get("email")!, token: link.searchParams.get("token")! });
      expect(again).toMatchObject({ ok: false, status: 403, url: null, error: "Verification" });
    } finally {
      channel.close();
    }
  });

  test("a weak password is ok: false with WeakPassword / too-short, and nothing is mailed", async () => {
    const tab = await openTab();
    const result = await tab.signUp("credentials", { email: EMAIL, password: "short" });
    expect(result).toMatchObject({ ok: false, status: 400, url: null, error: "WeakPassword", reason: "too-short" });
    expect(result.message).toEqual(expect.any(String));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(outbox).toHaveLength(0);
  });

  test("a malformed address is ok: false with EmailSignin", async () => {
    const tab = await openTab();
    expect(await tab.signUp("credentials", { email: "not an address", password: PASSWORD })).toMatchObject({ ok: false, status: 400, error: "EmailSignin" });
  });
});

describe("password reset", () => {
  test("requestPasswordReset mails a link; resetPassword sets the new password, which signs in", async () => {
    await signedUpTab();
    const tab = await openTab();
    await tab.signOut({ redirect: false });
    const requested = await tab.requestPasswordReset(EMAIL);
    expect(requested).toEqual({ ok: true, status: 200, url: expect.stringContaining("/api/auth/verify-request") });
    const link = await mailedLink(EMAIL, 2);
    expect(link.pathname).toBe("/api/auth/reset-password");
    const fields = { email: link.searchParams.get("email")!, token: link.searchParams.get("token")! };

    expect(await tab.resetPassword({ ...fields, password: "tiny" })).toMatchObject({ ok: false, status: 400, error: "WeakPassword", reason: "too-short" });
    const reset = await tab.resetPassword({ ...fields, password: "a brand new passphrase" });
    expect(reset).toEqual({ ok: true, status: 200, url: expect.stringContaining("/api/auth/signin") });

    expect(await tab.signIn("credentials", { email: EMAIL, password: PASSWORD, redirect: false })).toMatchObject({ ok: false });
    expect(await tab.signIn("credentials", { email: EMAIL, password: "a brand new passphrase", redirect: false })).toMatchObject({ ok: true });
    expect((await tab.getSession())?.user?.email).toBe(EMAIL);
    // The link was spent by the reset.
    expect(await tab.resetPassword({ ...fields, password: "yet another passphrase" })).toMatchObject({ ok: false, status: 403, error: "Verification" });
  });
});

describe("changePassword", () => {
  test("with the right current password: ok, and the new password is the one that signs in", async () => {
    const tab = await signedUpTab();
    expect(await tab.changePassword({ currentPassword: PASSWORD, newPassword: "a changed passphrase" })).toEqual({ ok: true, status: 200, url: null });
    // This session stays.
    expect((await tab.getSession())?.user?.email).toBe(EMAIL);
    await tab.signOut({ redirect: false });
    expect(await tab.signIn("credentials", { email: EMAIL, password: PASSWORD, redirect: false })).toMatchObject({ ok: false });
    expect(await tab.signIn("credentials", { email: EMAIL, password: "a changed passphrase", redirect: false })).toMatchObject({ ok: true });
  });

  test("a wrong current password is ok: false with CredentialsSignin, and the password is unchanged", async () => {
    const tab = await signedUpTab();
    const result = await tab.changePassword({ currentPassword: "not my password", newPassword: "a changed passphrase" });
    expect(result).toMatchObject({ ok: false, status: 401, url: null, error: "CredentialsSignin" });
    await tab.signOut({ redirect: false });
    expect(await tab.signIn("credentials", { email: EMAIL, password: PASSWORD, redirect: false })).toMatchObject({ ok: true });
  });

  test("a weak new password is ok: false with WeakPassword", async () => {
    const tab = await signedUpTab();
    // No `reason` here: /account/password refuses through the generic error handler, which drops it.
    expect(await tab.changePassword({ currentPassword: PASSWORD, newPassword: "x" })).toMatchObject({ ok: false, status: 400, url: null, error: "WeakPassword" });
  });

  test("signed out: ok: false with SessionRequired", async () => {
    const tab = await openTab();
    expect(await tab.changePassword({ currentPassword: PASSWORD, newPassword: "a changed passphrase" })).toMatchObject({ ok: false, status: 401, url: null, error: "SessionRequired" });
  });
});

describe("changeEmail", () => {
  test("mails the new address a link; confirmEmail(change) moves the account to it", async () => {
    const tab = await signedUpTab();
    const requested = await tab.changeEmail({ email: "robert@example.com", password: PASSWORD });
    expect(requested).toMatchObject({ ok: true, status: 200, url: expect.any(String) });
    const link = await mailedLink("robert@example.com");
    expect(link.searchParams.get("purpose")).toBe("change");
    const confirmed = await tab.confirmEmail({ purpose: "change", email: link.searchParams.get("email")!, token: link.searchParams.get("token")! });
    expect(confirmed).toMatchObject({ ok: true, status: 200 });
    await tab.signOut({ redirect: false });
    expect(await tab.signIn("credentials", { email: "robert@example.com", password: PASSWORD, redirect: false })).toMatchObject({ ok: true });
  });
});

describe("one-time codes by email", () => {
  /** The server again, with `Password({ verifyWith: "code" })` and `Email({ code: true })`; sign-in mail lands in `signInMail`. */
  function codeServer(): VerificationRequest[] {
    const signInMail: VerificationRequest[] = [];
    server = new Browser(
      config({
        rateLimit: false,
        adapter: MemoryAdapter(),
        session: { strategy: "database" },
        providers: [
          Password({ hashOptions: { cost: 10 }, verifyWith: "code" }),
          Email({ code: true, sendVerificationRequest: (r) => void signInMail.push(r), sendMail: (m) => void outbox.push(m) }),
        ],
      }),
    );
    return signInMail;
  }

  test("signIn('email', { email }) mails the code; signIn('email', { email, code }) signs in; a wrong code is error: Verification", async () => {
    const signInMail = codeServer();
    const tab = await openTab();
    const sent = await tab.signIn("email", { email: EMAIL, redirect: false });
    expect(sent).toMatchObject({ ok: true, error: undefined, url: expect.stringContaining(`/api/auth/verify-request?provider=email&type=email&email=${encodeURIComponent(EMAIL)}`) });
    const code = signInMail.at(-1)!.code!.value;
    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect(await tab.signIn("email", { email: EMAIL, code: wrongCode, redirect: false })).toMatchObject({ ok: false, status: 403, error: "Verification", url: null });
    expect(await tab.getSession()).toBeNull();
    const signedIn = await tab.signIn("email", { email: EMAIL, code, redirect: false, callbackUrl: "/home" });
    expect(signedIn).toEqual({ ok: true, status: 200, error: undefined, code: undefined, url: "http://localhost:3000/home" });
    expect(requests.some((r) => r.method === "POST" && r.path === "/api/auth/callback/email")).toBe(true);
    expect((await tab.getSession())?.user).toMatchObject({ email: EMAIL });
  });

  test("confirmEmail({ email, code }) finishes a sign-up; a wrong code is ok: false with Verification", async () => {
    codeServer();
    const tab = await openTab();
    const signedUp = await tab.signUp("credentials", { email: EMAIL, password: PASSWORD });
    expect(signedUp).toMatchObject({ ok: true, url: expect.stringContaining(`type=signup&email=${encodeURIComponent(EMAIL)}`) });
    await waitFor(() => expect(outbox.some((m) => m.to === EMAIL)).toBe(true));
    const code = /Your code: (\d{6})/.exec(outbox.at(-1)!.text)![1]!;
    expect(await tab.confirmEmail({ email: EMAIL, code: code === "000000" ? "111111" : "000000" })).toMatchObject({ ok: false, status: 403, error: "Verification" });
    expect(await tab.confirmEmail({ email: EMAIL, code })).toMatchObject({ ok: true, status: 200 });
    expect((await tab.getSession())?.user).toMatchObject({ email: EMAIL });
  });
});

describe("transport", () => {
  test("an answer that is not the API's JSON is ok: false with its status, not an exception", async () => {
    const tab = await openTab();
    vi.stubGlobal("fetch", async (input: RequestInfo | URL) =>
      String(input).endsWith("/csrf") ? Response.json({ csrfToken: "x" }) : new Response("<h1>Bad gateway</h1>", { status: 502, headers: { "content-type": "text/html" } }),
    );
    const result = await tab.requestEmailVerification();
    expect(result).toMatchObject({ ok: false, status: 502, url: null });
    expect(result.error).toBeUndefined();
    expect(result.message).toContain("502");
  });

  test("a network failure rejects", async () => {
    const tab = await openTab();
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(tab.requestPasswordReset(EMAIL)).rejects.toThrow("Failed to fetch");
  });
});
