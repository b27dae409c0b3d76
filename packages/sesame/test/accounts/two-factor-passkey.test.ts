/**
 * A passkey as the second factor (`twoFactor` with a `Passkey()` provider), end to end through `Auth()`: real
 * HTTP requests, a real SQLite database, the real `@simplewebauthn/server` verification, TOTP codes computed
 * from the enrolled secret and a software authenticator (../core/passkeys/authenticator.ts) answering as a
 * browser would. The options are asked for the pending sign-in and their challenge is kept with it: each
 * attack on that binding is a test, named after it. The same step in real Chromium is in
 * ../core/passkeys/browser.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { SqlAdapter } from "../../src/adapters/sql.js";
import { totpCode } from "../../src/core/mfa/totp.js";
import { Auth, MemoryRevocationStore, type SesameConfig } from "../../src/index.js";
import Passkey from "../../src/providers/passkey.js";
import { b64url, SoftwareAuthenticator } from "../core/passkeys/authenticator.js";
import { sqliteDatabase, type TestDatabase } from "../support/databases.js";
import { advance, namedUsers as users, username } from "../support/two-factor.js";
import { Browser, ORIGIN, SECRET, setCookies } from "../support/helpers.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await sqliteDatabase();
});
afterAll(() => database.drop());
afterEach(() => {
  vi.useRealTimers();
});


type Strategy = "jwt" | "database";

function app({ strategy = "jwt", passkeys = true, maxAttempts }: { strategy?: Strategy; passkeys?: boolean; maxAttempts?: number } = {}): SesameConfig {
  return {
    secret: SECRET,
    trustHost: true,
    adapter: SqlAdapter(database.db),
    providers: passkeys ? [users, Passkey()] : [users],
    session: { strategy, exposeUserId: true },
    ...(strategy === "jwt" && { revocation: { store: MemoryRevocationStore() } }),
    twoFactor: { issuer: "Acme", rememberDevice: { days: 30 }, ...(maxAttempts && { maxAttempts }) },
  };
}


async function post(browser: Browser, path: string, body: Record<string, unknown> = {}) {
  return browser.postJson(`/api/auth/${path}`, { csrfToken: await browser.csrf(), ...body });
}

async function signInFirstFactor(config: SesameConfig, name: string, browser = new Browser(config)) {
  const response = await browser.postForm("/api/auth/callback/credentials", { csrfToken: await browser.csrf(), username: name, password: `pw-${name}` });
  expect(response.headers.get("location")).toBe(`${ORIGIN}/api/auth/second-factor`);
  return browser;
}

/**
 * Signs `name` in, enrols TOTP and (unless `withPasskey` is false) registers a passkey on a new software
 * authenticator that does not verify the user (a security key without a PIN: enough for a second factor).
 */
async function enrolled(config: SesameConfig, name: string, { withPasskey = true } = {}) {
  const browser = new Browser(config);
  await browser.postForm("/api/auth/callback/credentials", { csrfToken: await browser.csrf(), username: name, password: `pw-${name}` });
  const started = (await (await post(browser, "two-factor/enrol")).json()) as { secret: string; enrolment: string };
  expect((await post(browser, "two-factor/confirm", { enrolment: started.enrolment, code: totpCode(started.secret) })).status).toBe(200);
  const authenticator = new SoftwareAuthenticator({ origin: ORIGIN, userVerified: false, counts: true });
  if (withPasskey) {
    const options = (await (await post(browser, "passkey/registration-options")).json()) as { options: Parameters<SoftwareAuthenticator["register"]>[0] };
    const registered = await post(browser, "passkey/register", { data: await authenticator.register(options.options), name: "Security key" });
    expect(registered.status, await registered.clone().text()).toBe(200);
  }
  // The enrolment used this time step: later sign-ins use the next one.
  advance(30);
  return { secret: started.secret, authenticator };
}

type RequestOptions = Parameters<SoftwareAuthenticator["authenticate"]>[0];

async function passkeyOptions(browser: Browser): Promise<RequestOptions> {
  const response = await post(browser, "second-factor/passkey-options");
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { options: RequestOptions }).options;
}

interface SessionBody {
  user?: { id?: string };
  amr?: string[];
}

describe.each<Strategy>(["jwt", "database"])("a passkey completes a sign-in waiting for its second factor (%s sessions)", (strategy) => {
  test("options list the user's passkeys for this sign-in; the answer starts the session, amr [credentials, passkey]", async () => {
    const config = app({ strategy });
    const name = username("passkey");
    const { authenticator } = await enrolled(config, name);
    const browser = await signInFirstFactor(config, name);

    const options = await passkeyOptions(browser);
    expect(options).toMatchObject({ rpId: "localhost", userVerification: "discouraged" });
    expect(options.allowCredentials?.map((allowed) => allowed.id)).toEqual([b64url(authenticator.credentials[0]!.id)]);
    // Asking is not a session, and not the end of the pending sign-in.
    expect(await browser.session()).toBeNull();

    const done = await post(browser, "second-factor", { data: await authenticator.authenticate(options), remember: "1" });
    expect(done.status, await done.clone().text()).toBe(200);
    expect(await done.json()).toEqual({ url: `${ORIGIN}/` });
    expect(setCookies(done).map((cookie) => cookie.name)).toEqual(expect.arrayContaining(["sesame.pending-sign-in", "sesame.device"]));
    const session = (await browser.session()) as SessionBody;
    expect(session.user?.id).toBe(`user-${name}`);
    expect(session.amr).toEqual(["credentials", "passkey"]);
    expect(browser.jar.has("sesame.pending-sign-in")).toBe(false);
  });
});

describe("the challenge is the pending sign-in's", () => {
  test("[replay] an answer completes one sign-in: posted again in a new sign-in (with options of its own) it is refused", async () => {
    const config = app();
    const name = username("replay");
    const { authenticator } = await enrolled(config, name);
    const first = await signInFirstFactor(config, name);
    const answer = await authenticator.authenticate(await passkeyOptions(first));
    expect((await post(first, "second-factor", { data: answer })).status).toBe(200);

    const second = await signInFirstFactor(config, name);
    await passkeyOptions(second);
    const replayed = await post(second, "second-factor", { data: answer });
    expect(replayed.status).toBe(400);
    expect(await replayed.json()).toMatchObject({ error: "SecondFactorFailed" });
    expect(await second.session()).toBeNull();
  });

  test("[another browser] the answer to browser A's options completes nothing in browser B, which has its own sign-in", async () => {
    const config = app();
    const name = username("moved");
    const { authenticator, secret } = await enrolled(config, name);
    const a = await signInFirstFactor(config, name);
    const b = await signInFirstFactor(config, name);
    await passkeyOptions(b);
    const answerForA = await authenticator.authenticate(await passkeyOptions(a));
    const moved = await post(b, "second-factor", { data: answerForA });
    expect(moved.status).toBe(400);
    expect(await b.session()).toBeNull();
    // And B's try spent B's challenge, not A's: A's own answer still completes A.
    expect((await post(a, "second-factor", { data: answerForA })).status).toBe(200);
    // B is still waiting, with a try fewer: a code completes it.
    expect((await post(b, "second-factor", { code: totpCode(secret) })).status).toBe(200);
  });

  test("[without options] an answer to a challenge this sign-in never asked for (the sign-in page's, or one made up) is refused", async () => {
    const config = app();
    const name = username("unasked");
    const { authenticator } = await enrolled(config, name);
    const browser = await signInFirstFactor(config, name);
    const signInOptions = (await (await post(browser, "passkey/authentication-options")).json()) as { options: RequestOptions };
    const unasked = await post(browser, "second-factor", { data: await authenticator.authenticate(signInOptions.options) });
    expect(unasked.status).toBe(400);
    expect(await browser.session()).toBeNull();

    const asked = await passkeyOptions(browser);
    const madeUp = b64url(crypto.getRandomValues(new Uint8Array(32)));
    const forged = await post(browser, "second-factor", { data: await authenticator.authenticate(asked, { challenge: madeUp }) });
    expect(forged.status).toBe(400);
    expect(await browser.session()).toBeNull();
  });

  test("[single use] a wrong answer spends the challenge: the right answer to the same options is then refused", async () => {
    const config = app();
    const name = username("spent");
    const { authenticator } = await enrolled(config, name);
    const browser = await signInFirstFactor(config, name);
    const options = await passkeyOptions(browser);
    const right = await authenticator.authenticate(options);
    const wrongOrigin = await authenticator.authenticate(options, { origin: "https://evil.example" });
    expect((await post(browser, "second-factor", { data: wrongOrigin })).status).toBe(400);
    expect((await post(browser, "second-factor", { data: right })).status).toBe(400);
    // New options, a new answer: it works.
    expect((await post(browser, "second-factor", { data: await authenticator.authenticate(await passkeyOptions(browser)) })).status).toBe(200);
  });

  test("[race] one answer posted four times at once starts one session", async () => {
    const config = app();
    const name = username("race");
    const { authenticator } = await enrolled(config, name);
    const browser = await signInFirstFactor(config, name);
    const answer = await authenticator.authenticate(await passkeyOptions(browser));
    const csrfToken = await browser.csrf();
    const tries = await Promise.all(Array.from({ length: 4 }, () => browser.postJson("/api/auth/second-factor", { csrfToken, data: answer })));
    expect(tries.map((response) => response.status).sort()).toEqual([200, 400, 400, 400]);
  });

  test("[cross-account] another user's passkey, answering this sign-in's options, is refused and counted", async () => {
    const config = app({ maxAttempts: 2 });
    const alice = username("alice");
    const mallory = username("mallory");
    await enrolled(config, alice);
    const { authenticator: mallorysKey } = await enrolled(config, mallory);
    const browser = await signInFirstFactor(config, alice);
    for (const expected of ["did not prove", "sign in again"]) {
      const options = await passkeyOptions(browser).catch(() => undefined);
      // The options list alice's passkeys; mallory's authenticator answers anyway, with its own.
      const answer = await mallorysKey.authenticate(options ?? { challenge: "x", rpId: "localhost" });
      const refused = await post(browser, "second-factor", { data: answer });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { message: string }).message).toContain(expected);
    }
    // Out of tries: the pending sign-in is gone, and asking for options says so.
    const gone = await post(browser, "second-factor/passkey-options");
    expect(gone.status).toBe(400);
    expect(await gone.json()).toMatchObject({ error: "SecondFactorFailed" });
  });
});

describe("when a passkey cannot be the second factor", () => {
  test("a user without a passkey gets a clear refusal for options, and the sign-in waits for a code, no try spent", async () => {
    const config = app({ maxAttempts: 1 });
    const name = username("nokey");
    const { secret } = await enrolled(config, name, { withPasskey: false });
    const browser = await signInFirstFactor(config, name);
    const refused = await post(browser, "second-factor/passkey-options");
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: "SecondFactorFailed", message: expect.stringContaining("No passkey is registered") });
    expect((await post(browser, "second-factor", { code: totpCode(secret) })).status).toBe(200);
  });

  test("without a Passkey() provider: no options route, and a passkey answer is refused without touching the sign-in", async () => {
    const config = app({ passkeys: false, maxAttempts: 1 });
    const name = username("nopasskeys");
    const { secret } = await enrolled(config, name, { withPasskey: false });
    const browser = await signInFirstFactor(config, name);
    expect((await post(browser, "second-factor/passkey-options")).status).toBe(404);
    const refused = await post(browser, "second-factor", { data: { id: "AAAA" } });
    expect(await refused.json()).toMatchObject({ error: "SecondFactorFailed" });
    expect((await post(browser, "second-factor", { code: totpCode(secret) })).status).toBe(200);
  });

  test("[hostile input] malformed answers are a 400 with a code, and no try is lost on them", async () => {
    const config = app({ maxAttempts: 1 });
    const name = username("junk");
    const { authenticator } = await enrolled(config, name);
    const browser = await signInFirstFactor(config, name);
    const options = await passkeyOptions(browser);
    for (const passkey of [null, 42, "{not json", { id: "AAAA" }, { id: "A".repeat(5000), rawId: "A".repeat(5000), type: "public-key", response: {} }, "x".repeat(100_000)]) {
      const response = await browser.postJson("/api/auth/second-factor", { csrfToken: await browser.csrf(), data: passkey });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(await response.json()).toMatchObject({ error: expect.any(String) });
    }
    // maxAttempts is one, and the options' challenge is still there: none of the junk was a try.
    expect((await post(browser, "second-factor", { data: await authenticator.authenticate(options) })).status).toBe(200);
  });

  test("[no pending sign-in] options and answers need the pending cookie: a signed-in user or a stranger gets nothing", async () => {
    const config = app();
    const stranger = new Browser(config);
    const options = await post(stranger, "second-factor/passkey-options");
    expect(options.status).toBe(400);
    expect(await options.json()).toMatchObject({ error: "SecondFactorFailed" });
    // A form post without the CSRF token is refused before anything.
    const unchecked = await stranger.postJson("/api/auth/second-factor/passkey-options", {});
    expect(unchecked.status).toBe(403);
  });
});

describe("the built-in second-factor page", () => {
  test("with a Passkey() provider: a passkey button and the script, allowed by a fresh nonce and nothing else", async () => {
    const config = app();
    const name = username("page");
    await enrolled(config, name);
    const browser = await signInFirstFactor(config, name);
    const page = await browser.fetch("/api/auth/second-factor");
    const html = await page.text();
    const csp = page.headers.get("content-security-policy") ?? "";
    const nonce = /script-src 'nonce-([\w-]+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain('data-mode="second-factor"');
    expect(html).toContain('id="sesame-passkey-button"');
    expect(html.match(/<script/g)).toHaveLength(1);
    const again = await browser.fetch("/api/auth/second-factor");
    expect(again.headers.get("content-security-policy")).not.toContain(nonce);
  });

  test("without one: no script at all", async () => {
    const config = app({ passkeys: false });
    const response = await Auth(new Request(`${ORIGIN}/api/auth/second-factor`), config);
    expect(await response.text()).not.toContain("<script");
  });
});
