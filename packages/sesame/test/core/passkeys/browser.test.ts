/**
 * Passkeys in real Chromium (headless, driven by playwright-core) with a CDP virtual authenticator (CTAP2,
 * internal transport, resident keys, user verification): the browser itself runs the ceremonies, checks the
 * RP ID against the page's origin, and signs. The app is `Auth()` on a plain node:http server, with a test
 * page that loads `sesame-auth/react`'s passkey helpers (bundled with esbuild) and the built-in sign-in page.
 * `localhost` and `a.localhost` are both secure contexts, so WebAuthn runs over plain http.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { MemoryAdapter } from "../../../src/adapters/memory.js";
import { totpCode } from "../../../src/core/mfa/totp.js";
import { Auth, type SesameConfig, type TwoFactorOptions } from "../../../src/index.js";
import Credentials from "../../../src/providers/credentials.js";
import Passkey, { type PasskeyOptions } from "../../../src/providers/passkey.js";
import { send, toRequest } from "../../../../../examples/web-standard/node-http.js";
import { SECRET } from "../../support/helpers.js";

const PACKAGE = fileURLToPath(new URL("../../../", import.meta.url));
const USERS: Record<string, { id: string; name: string; email: string }> = {
  alice: { id: "alice", name: "Alice", email: "alice@example.com" },
  bob: { id: "bob", name: "Bob", email: "bob@example.com" },
  carol: { id: "carol", name: "Carol", email: "carol@example.com" },
};

/** The page the helpers run on: a username field marked for passkey autofill, and the bundle. */
const TEST_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>test</title></head><body>
<input id="username" name="username" autocomplete="username webauthn"><script src="/test/bundle.js"></script></body></html>`;

/** What the bundle puts on `window.sesame`: the React helpers, the session calls, and the raw ceremonies. */
const BUNDLE_ENTRY = `
import { deletePasskey, listPasskeys, passkeyAutofillAvailable, registerPasskey, renamePasskey, signInWithPasskey, submitSecondFactorWithPasskey } from "./src/react/passkeys.ts";
import { enrolTotp, confirmTotp } from "./src/react/two-factor.ts";
import { getCsrfToken, getSession, signOut } from "./src/react/client.ts";
import { signIn } from "./src/react/sign-in.ts";
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
window.sesame = { deletePasskey, listPasskeys, passkeyAutofillAvailable, registerPasskey, renamePasskey, signInWithPasskey, submitSecondFactorWithPasskey, enrolTotp, confirmTotp, getCsrfToken, getSession, signIn, signOut, startAuthentication, startRegistration };
`;

interface App {
  server: Server;
  port: number;
  config: SesameConfig;
}

const adapter = MemoryAdapter();
let bundle: string;
let browser: Browser;
let main: App;
/** The same users and passkeys, served with the RP ID configured as "localhost" while its pages are on a.localhost. */
let moved: App;
/** The same again, with second factors (`twoFactor`) on. */
let twoStep: App;

function configFor(passkey: PasskeyOptions, twoFactor?: TwoFactorOptions): SesameConfig {
  return {
    secret: SECRET,
    ...(twoFactor && { twoFactor }),
    trustHost: true,
    adapter,
    rateLimit: false,
    session: { exposeUserId: true },
    providers: [
      Credentials({
        credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
        authorize: ({ username, password }) => (password === "pw" ? (USERS[username] ?? null) : null),
      }),
      Passkey(passkey),
    ],
  };
}

async function serve(passkey: (port: number) => PasskeyOptions, twoFactor?: TwoFactorOptions): Promise<App> {
  const app = { config: configFor({}) } as App;
  app.server = createServer((req, res) => {
    const request = toRequest(req);
    const { pathname } = new URL(request.url);
    const response =
      pathname === "/test/app"
        ? new Response(TEST_PAGE, { headers: { "content-type": "text/html; charset=utf-8" } })
        : pathname === "/test/bundle.js"
          ? new Response(bundle, { headers: { "content-type": "text/javascript" } })
          : Auth(request, app.config);
    void Promise.resolve(response).then((r) => send(res, r));
  });
  await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
  app.port = (app.server.address() as AddressInfo).port;
  app.config = configFor(passkey(app.port), twoFactor);
  return app;
}

beforeAll(async () => {
  const built = await build({ stdin: { contents: BUNDLE_ENTRY, resolveDir: PACKAGE, loader: "ts" }, bundle: true, format: "iife", platform: "browser", target: "es2022", write: false });
  bundle = built.outputFiles[0]!.text;
  main = await serve(() => ({}));
  moved = await serve((port) => ({ rpID: "localhost", origins: [`http://a.localhost:${port}`] }));
  twoStep = await serve(() => ({}), { issuer: "Test" });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-dev-shm-usage"] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  main?.server.close();
  moved?.server.close();
  twoStep?.server.close();
});

let context: BrowserContext;
afterEach(async () => {
  await context?.close();
});

/** A fresh browser profile with one virtual platform authenticator, which says yes to every prompt. */
async function profile(): Promise<{ page: Page; cdp: CDPSession; authenticatorId: string }> {
  context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable", { enableUI: false });
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { page, cdp, authenticatorId };
}

type Sesame = Record<string, (...args: unknown[]) => Promise<Record<string, unknown>>>;

/** Calls `window.sesame[name](...args)` in the page. */
function call(page: Page, name: string, ...args: unknown[]): Promise<Record<string, unknown>> {
  return page.evaluate(([fn, rest]) => (window as unknown as { sesame: Sesame }).sesame[fn as string]!(...(rest as unknown[])), [name, args] as const);
}

async function openApp(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/test/app`);
  await page.waitForFunction(() => "sesame" in window);
}

async function signInWithPassword(page: Page, username = "alice"): Promise<void> {
  expect(await call(page, "signIn", "credentials", { username, password: "pw", redirect: false })).toMatchObject({ ok: true });
}

async function sessionUser(page: Page): Promise<string | undefined> {
  const session = (await call(page, "getSession")) as { user?: { id?: string } } | null;
  return session?.user?.id;
}

/**
 * Registers through the raw ceremony, with the server's options changed by `edit` before the browser sees
 * them: the answer's status and JSON.
 */
async function registerEdited(page: Page, edit: { rpID?: string }): Promise<{ status: number; body: Record<string, unknown> }> {
  return page.evaluate(async ({ rpID }) => {
    const { sesame } = window as unknown as { sesame: Sesame & { startRegistration(o: unknown): Promise<unknown> } };
    const post = async (path: string, body: object) => {
      const csrfToken = await sesame.getCsrfToken!();
      const response = await fetch(`/api/auth/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...body, csrfToken }) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const { body } = await post("passkey/registration-options", {});
    const options = body.options as { rp: { id: string } };
    if (rpID) options.rp.id = rpID;
    return post("passkey/register", { data: await sesame.startRegistration({ optionsJSON: options }) });
  }, edit);
}

/** Signs in through the raw ceremony, with the options' RP ID changed to `rpID`, posting the answer `times` times. */
async function signInEdited(page: Page, { rpID, times = 1 }: { rpID?: string; times?: number }): Promise<Array<{ status: number; body: Record<string, unknown> }>> {
  return page.evaluate(
    async ({ rpID, times }) => {
      const { sesame } = window as unknown as { sesame: Sesame & { startAuthentication(o: unknown): Promise<unknown> } };
      const post = async (path: string, body: object) => {
        const csrfToken = await sesame.getCsrfToken!();
        const response = await fetch(`/api/auth/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...body, csrfToken }) });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      const { body } = await post("passkey/authentication-options", {});
      const options = body.options as { rpId: string };
      if (rpID) options.rpId = rpID;
      const data = await sesame.startAuthentication({ optionsJSON: options });
      const answers = [];
      for (let i = 0; i < times; i++) answers.push(await post("callback/passkey", { data, callbackUrl: "/test/app" }));
      return answers;
    },
    { rpID, times },
  );
}

describe("passkeys in Chromium with a virtual authenticator", () => {
  test("register while signed in, sign out, sign in with the passkey (prompt), then list, rename and delete it", async () => {
    const { page, cdp, authenticatorId } = await profile();
    const origin = `http://localhost:${main.port}`;
    await openApp(page, origin);
    await signInWithPassword(page);

    const registered = await call(page, "registerPasskey", { name: "Virtual key" });
    expect(registered).toMatchObject({ ok: true, passkey: { name: "Virtual key", deviceType: "singleDevice", backedUp: false, transports: ["internal"] } });
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).toMatchObject({ rpId: "localhost", isResidentCredential: true });
    // The authenticator refuses a second passkey for the same account (the server excluded the first).
    expect(await call(page, "registerPasskey", {})).toMatchObject({ ok: false, error: "InvalidStateError" });

    expect(await call(page, "signOut", { redirect: false })).toMatchObject({ url: expect.any(String) });
    expect(await sessionUser(page)).toBeUndefined();
    expect(await call(page, "signInWithPasskey", { redirect: false })).toMatchObject({ ok: true, url: `${origin}/test/app` });
    expect(await sessionUser(page)).toBe("alice");
    expect(await call(page, "getSession")).toMatchObject({ amr: ["passkey"] });

    const { passkeys } = (await call(page, "listPasskeys")) as { passkeys: Array<{ id: string; name: string; lastUsedAt: string | null }> };
    expect(passkeys).toEqual([expect.objectContaining({ name: "Virtual key", lastUsedAt: expect.any(String) })]);
    expect(await call(page, "renamePasskey", passkeys[0]!.id, "Renamed")).toMatchObject({ ok: true, passkey: { name: "Renamed" } });
    expect(await call(page, "deletePasskey", passkeys[0]!.id)).toMatchObject({ ok: true });
    expect(await call(page, "listPasskeys")).toMatchObject({ ok: true, passkeys: [] });
    // The authenticator still holds the credential, but the server no longer knows it.
    await call(page, "signOut", { redirect: false });
    expect(await call(page, "signInWithPasskey", { redirect: false })).toMatchObject({ ok: false, error: "WebAuthnVerificationError" });
  });

  test("the client's signIn(\"passkey\") runs the ceremony, as Auth.js's next-auth/webauthn signIn does: { action: \"register\" } adds one, then it signs in", async () => {
    const { page } = await profile();
    const origin = `http://localhost:${main.port}`;
    await openApp(page, origin);
    await signInWithPassword(page, "bob");
    expect(await call(page, "signIn", "passkey", { action: "register", name: "From signIn" })).toMatchObject({ ok: true, error: undefined });
    expect(await call(page, "listPasskeys")).toMatchObject({ passkeys: expect.arrayContaining([expect.objectContaining({ name: "From signIn" })]) });
    await call(page, "signOut", { redirect: false });
    expect(await call(page, "signIn", "passkey", { redirect: false })).toMatchObject({ ok: true, url: `${origin}/test/app` });
    expect(await call(page, "getSession")).toMatchObject({ user: { id: "bob" }, amr: ["passkey"] });
    // With the default redirect, it goes to redirectTo.
    await call(page, "signOut", { redirect: false });
    await page.evaluate(() => void (window as unknown as { sesame: Sesame }).sesame.signIn!("passkey", { redirectTo: "/test/app?from=signIn" }));
    await page.waitForURL(`${origin}/test/app?from=signIn`);
    await page.waitForFunction(() => "sesame" in window);
    expect(await sessionUser(page)).toBe("bob");
  });

  test("sign in with autofill (conditional mediation): with the helpers, and on the built-in sign-in page", async () => {
    const { page } = await profile();
    const origin = `http://localhost:${main.port}`;
    await openApp(page, origin);
    await signInWithPassword(page, "bob");
    expect(await call(page, "registerPasskey", {})).toMatchObject({ ok: true, passkey: { name: "Passkey" } });
    await call(page, "signOut", { redirect: false });

    expect(await call(page, "passkeyAutofillAvailable")).toBe(true);
    expect(await call(page, "signInWithPasskey", { autofill: true, redirect: false })).toMatchObject({ ok: true });
    expect(await sessionUser(page)).toBe("bob");
    await call(page, "signOut", { redirect: false });

    // The built-in page starts the autofill request as it loads; the virtual authenticator answers it at once.
    await page.goto(`${origin}/api/auth/signin?callbackUrl=${encodeURIComponent(`${origin}/test/app?from=autofill`)}`);
    await page.waitForURL(`${origin}/test/app?from=autofill`);
    await page.waitForFunction(() => "sesame" in window);
    expect(await sessionUser(page)).toBe("bob");
  });

  test("the built-in page's button: a prompt when the browser has no autofill", async () => {
    const { page } = await profile();
    const origin = `http://localhost:${main.port}`;
    await openApp(page, origin);
    await signInWithPassword(page);
    expect(await call(page, "registerPasskey", {})).toMatchObject({ ok: true });
    await call(page, "signOut", { redirect: false });
    await page.addInitScript(() => {
      delete (PublicKeyCredential as { isConditionalMediationAvailable?: unknown }).isConditionalMediationAvailable;
    });
    await page.goto(`${origin}/api/auth/signin?callbackUrl=${encodeURIComponent(`${origin}/test/app?from=button`)}`);
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await page.waitForURL(`${origin}/test/app?from=button`);
    await page.waitForFunction(() => "sesame" in window);
    expect(await sessionUser(page)).toBe("alice");
  });

  test("a replayed assertion is refused", async () => {
    const { page } = await profile();
    await openApp(page, `http://localhost:${main.port}`);
    await signInWithPassword(page);
    expect(await call(page, "registerPasskey", {})).toMatchObject({ ok: true });
    await call(page, "signOut", { redirect: false });
    const [first, replay] = await signInEdited(page, { times: 2 });
    expect(first).toMatchObject({ status: 200, body: { url: expect.stringContaining("/test/app") } });
    expect(replay).toMatchObject({ status: 400, body: { error: "WebAuthnVerificationError", message: expect.stringMatching(/no passkey ceremony|already used/) } });
  });

  test("a wrong RP ID is refused: at registration, and at sign-in with a passkey of another RP ID", async () => {
    const { page, cdp, authenticatorId } = await profile();
    // The server's RP ID is "localhost" here, but its pages are on a.localhost, where the browser only runs
    // ceremonies for "a.localhost": the options are edited to that, and the server refuses what comes back.
    const movedOrigin = `http://a.localhost:${moved.port}`;
    await openApp(page, movedOrigin);
    await signInWithPassword(page);
    const before = ((await call(page, "listPasskeys")) as { passkeys: unknown[] }).passkeys;
    const registration = await registerEdited(page, { rpID: "a.localhost" });
    expect(registration).toMatchObject({ status: 400, body: { error: "WebAuthnVerificationError", message: expect.stringMatching(/RP ID/) } });
    expect(await call(page, "listPasskeys")).toMatchObject({ passkeys: before });
    // The browser kept the credential the server refused: gone, so that the sign-in below uses the registered one.
    await cdp.send("WebAuthn.clearCredentials", { authenticatorId });

    // A passkey registered on a.localhost (the main app, whose RP ID there is the page's host)…
    await openApp(page, `http://a.localhost:${main.port}`);
    await signInWithPassword(page);
    expect(await call(page, "registerPasskey", {})).toMatchObject({ ok: true });
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(credentials.map((c) => c.rpId)).toContain("a.localhost");
    // …is refused by the app whose RP ID is "localhost".
    await openApp(page, movedOrigin);
    await call(page, "signOut", { redirect: false });
    const [signIn] = await signInEdited(page, { rpID: "a.localhost" });
    expect(signIn).toMatchObject({ status: 400, body: { error: "WebAuthnVerificationError", message: expect.stringMatching(/RP ID/) } });
    expect(await sessionUser(page)).toBeUndefined();
  });

  test("a passkey as the second factor: the built-in second-factor page's button, and submitSecondFactorWithPasskey", async () => {
    const { page } = await profile();
    const origin = `http://localhost:${twoStep.port}`;
    await openApp(page, origin);
    await signInWithPassword(page, "carol");
    expect(await call(page, "registerPasskey", { name: "Laptop" })).toMatchObject({ ok: true });
    // Two-step verification on: an authenticator app, its code computed here from the secret.
    const started = (await call(page, "enrolTotp")) as { ok: boolean; secret: string; enrolment: string };
    expect(started.ok).toBe(true);
    expect(await call(page, "confirmTotp", { enrolment: started.enrolment, code: totpCode(started.secret) })).toMatchObject({ ok: true });
    await call(page, "signOut", { redirect: false });

    // The password alone is no session now: the sign-in waits for its second factor, on the built-in page.
    expect(await call(page, "signIn", "credentials", { username: "carol", password: "pw", redirect: false })).toMatchObject({ url: `${origin}/api/auth/second-factor` });
    expect(await sessionUser(page)).toBeUndefined();
    await page.goto(`${origin}/api/auth/second-factor`);
    await page.getByRole("button", { name: "Use a passkey instead" }).click();
    await page.waitForURL(`${origin}/test/app`);
    await page.waitForFunction(() => "sesame" in window);
    expect(await call(page, "getSession")).toMatchObject({ user: { id: "carol" }, amr: ["credentials", "passkey"] });

    // The same from the app's own page, with the React helper.
    await call(page, "signOut", { redirect: false });
    await call(page, "signIn", "credentials", { username: "carol", password: "pw", redirect: false });
    expect(await sessionUser(page)).toBeUndefined();
    expect(await call(page, "submitSecondFactorWithPasskey")).toMatchObject({ ok: true, url: `${origin}/test/app` });
    expect(await call(page, "getSession")).toMatchObject({ user: { id: "carol" }, amr: ["credentials", "passkey"] });
  });
});
