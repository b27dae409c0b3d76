/**
 * Passkeys (`Passkey()`), end to end through `Auth()`: real HTTP requests, the real `@simplewebauthn/server`
 * verification, a real SQLite database and the MemoryAdapter, and a software authenticator (authenticator.ts)
 * producing real attestations and assertions. Each attack on the ceremonies is a test, named after what it
 * tries; the same flows in real Chromium with a virtual authenticator are in browser.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { MemoryAdapter } from "../../../src/adapters/memory.js";
import { SqlAdapter } from "../../../src/adapters/sql.js";
import type { Adapter, FactorAdapter } from "../../../src/core/adapter.js";
import { createContext } from "../../../src/core/context.js";
import { resolveConfig } from "../../../src/core/config/resolve.js";
import { passkeyOptionsForUser, verifyPasskeyForUser } from "../../../src/core/passkeys/authentication.js";
import type { PasskeyInfo, SesameConfig } from "../../../src/index.js";
import Credentials from "../../../src/providers/credentials.js";
import Passkey, { type PasskeyOptions } from "../../../src/providers/passkey.js";
import { sqliteDatabase, type TestDatabase } from "../../support/databases.js";
import { Browser, ORIGIN, SECRET, setCookies } from "../../support/helpers.js";
import { b64url, SoftwareAuthenticator, type CeremonyOverrides } from "./authenticator.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await sqliteDatabase();
});
afterAll(() => database.drop());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

type AdapterKind = "sql" | "memory";
let sequence = 0;

/** A test app: credentials users alice and bob (password "pw"), a Passkey() provider, its own user ids. */
function app(kind: AdapterKind = "sql", { passkey = {}, ...overrides }: Partial<SesameConfig> & { passkey?: PasskeyOptions } = {}) {
  const tag = `${Date.now()}-${++sequence}`;
  const users: Record<string, { id: string; name: string; email: string }> = {
    alice: { id: `alice-${tag}`, name: "Alice", email: `alice-${tag}@example.com` },
    bob: { id: `bob-${tag}`, name: "Bob", email: `bob-${tag}@example.com` },
  };
  const adapter: Adapter = kind === "sql" ? SqlAdapter(database.db) : MemoryAdapter();
  const events: Array<[string, unknown]> = [];
  const record = (name: string) => (message: unknown) => void events.push([name, message]);
  const appConfig: SesameConfig = {
    secret: SECRET,
    trustHost: true,
    adapter,
    providers: [
      Credentials({
        credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
        authorize: ({ username, password }) => (password === "pw" ? (users[username] ?? null) : null),
      }),
      Passkey(passkey),
    ],
    events: { passkeyAdded: record("passkeyAdded"), passkeyRemoved: record("passkeyRemoved"), signIn: record("signIn") },
    // The credentials sign-in is only how the tests get a session; its limits are tested elsewhere.
    rateLimit: false,
    ...overrides,
    session: { exposeUserId: true, ...overrides.session },
  };
  return { appConfig, users, adapter: adapter as FactorAdapter, events };
}

type App = ReturnType<typeof app>;

async function post(browser: Browser, path: string, body: Record<string, unknown> = {}): Promise<Response> {
  return browser.postJson(`/api/auth/${path}`, { csrfToken: await browser.csrf(), ...body });
}

async function signedIn({ appConfig }: App, username = "alice"): Promise<Browser> {
  const browser = new Browser(appConfig);
  expect((await browser.signIn({ username, password: "pw" })).status).toBe(302);
  return browser;
}

async function registrationOptions(browser: Browser) {
  const response = await post(browser, "passkey/registration-options");
  expect(response.status).toBe(200);
  return ((await response.json()) as { options: Parameters<SoftwareAuthenticator["register"]>[0] }).options;
}

async function register(browser: Browser, authenticator: SoftwareAuthenticator, { name, ...overrides }: CeremonyOverrides & { name?: string } = {}): Promise<Response> {
  const data = await authenticator.register(await registrationOptions(browser), overrides);
  return post(browser, "passkey/register", { data, ...(name !== undefined && { name }) });
}

async function registered(browser: Browser, authenticator: SoftwareAuthenticator, name?: string): Promise<PasskeyInfo> {
  const response = await register(browser, authenticator, { name });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { passkey: PasskeyInfo }).passkey;
}

async function authenticationOptions(browser: Browser) {
  const response = await post(browser, "passkey/authentication-options");
  expect(response.status).toBe(200);
  return ((await response.json()) as { options: Parameters<SoftwareAuthenticator["authenticate"]>[0] }).options;
}

async function signInWithPasskey(browser: Browser, authenticator: SoftwareAuthenticator, overrides: CeremonyOverrides = {}): Promise<Response> {
  const data = await authenticator.authenticate(await authenticationOptions(browser), overrides);
  return post(browser, "callback/passkey", { data, callbackUrl: "/dashboard" });
}

async function sessionUser(browser: Browser): Promise<string | undefined> {
  return ((await browser.session()) as { user?: { id?: string } } | null)?.user?.id;
}

const device = (overrides: Partial<ConstructorParameters<typeof SoftwareAuthenticator>[0]> = {}) => new SoftwareAuthenticator({ origin: ORIGIN, ...overrides });

describe.each<AdapterKind>(["sql", "memory"])("with the %s adapter", (kind) => {
  test("register while signed in, sign out, sign in with the passkey: a session for the same user, amr passkey, counter and flags stored", async () => {
    const setup = app(kind);
    const browser = await signedIn(setup);
    const authenticator = device({ synced: true, counts: true, aaguid: "fbfc3007-154e-4ecc-8c0b-6e020557d7bd" });
    const passkey = await registered(browser, authenticator);
    expect(passkey).toMatchObject({ name: "iCloud Keychain", deviceType: "multiDevice", backedUp: true, transports: ["internal", "hybrid"], lastUsedAt: null });
    expect(setup.events.map(([name]) => name)).toContain("passkeyAdded");

    const [factor] = await setup.adapter.listFactors(setup.users.alice!.id);
    expect(factor).toMatchObject({ kind: "passkey", id: passkey.id, name: "iCloud Keychain" });
    const data = JSON.parse(factor!.data) as Record<string, unknown>;
    expect(data).toMatchObject({ credentialId: b64url(authenticator.credentials[0]!.id), counter: 1, deviceType: "multiDevice", backedUp: true, aaguid: "fbfc3007-154e-4ecc-8c0b-6e020557d7bd" });
    expect(typeof data.publicKey).toBe("string");

    await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf() });
    expect(await sessionUser(browser)).toBeUndefined();

    const response = await signInWithPasskey(browser, authenticator);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ url: `${ORIGIN}/dashboard` });
    expect(await sessionUser(browser)).toBe(setup.users.alice!.id);
    expect(await browser.session()).toMatchObject({ amr: ["passkey"] });
    const [used] = await setup.adapter.listFactors(setup.users.alice!.id);
    expect(JSON.parse(used!.data)).toMatchObject({ counter: 2 });
    expect(used!.lastUsedAt).toBeInstanceOf(Date);
    expect(setup.events.at(-1)).toMatchObject(["signIn", { account: { provider: "passkey", type: "webauthn", providerAccountId: b64url(authenticator.credentials[0]!.id) } }]);
  });

  test("[replay] the sign-in's challenge is single-use: the same answer posted again is refused, and changes nothing", async () => {
    const setup = app(kind);
    const authenticator = device();
    await registered(await signedIn(setup), authenticator);
    const browser = new Browser(setup.appConfig);
    const data = await authenticator.authenticate(await authenticationOptions(browser));
    const ceremony = browser.jar.get("sesame.passkey-challenge")!;
    const accepted = await post(browser, "callback/passkey", { data });
    expect(accepted.status).toBe(200);
    // The sign-in forgets the ceremony in the browser…
    expect(setCookies(accepted).find((c) => c.name === "sesame.passkey-challenge")?.attributes["max-age"]).toBe("0");
    await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf() });
    const again = await post(browser, "callback/passkey", { data });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: "WebAuthnVerificationError" });
    // …and a copy of its cookie is worth nothing: the challenge was spent in the database.
    browser.jar.set("sesame.passkey-challenge", ceremony);
    const copied = await post(browser, "callback/passkey", { data });
    expect(await copied.json()).toMatchObject({ error: "WebAuthnVerificationError", message: expect.stringMatching(/already used/) });
    expect(await sessionUser(browser)).toBeUndefined();
    // A new ceremony does not revive the old answer: it was made for another challenge.
    await authenticationOptions(browser);
    const stale = await post(browser, "callback/passkey", { data });
    expect(stale.status).toBe(400);
    expect(((await stale.json()) as { message: string }).message).toMatch(/challenge/);
  });

  test("a form post with the answer as JSON text (as Auth.js's client sends it) signs in and redirects", async () => {
    const setup = app(kind);
    const authenticator = device();
    await registered(await signedIn(setup), authenticator);
    const browser = new Browser(setup.appConfig);
    const data = await authenticator.authenticate(await authenticationOptions(browser));
    const response = await browser.postForm("/api/auth/callback/passkey", { csrfToken: await browser.csrf(), data: JSON.stringify(data), callbackUrl: "/welcome" });
    expect([response.status, response.headers.get("location")]).toEqual([302, `${ORIGIN}/welcome`]);
    expect(await sessionUser(browser)).toBe(setup.users.alice!.id);
  });

  test("[concurrency] one answer posted twice at once signs in once", async () => {
    const setup = app(kind);
    const authenticator = device();
    await registered(await signedIn(setup), authenticator);
    const browser = new Browser(setup.appConfig);
    const data = await authenticator.authenticate(await authenticationOptions(browser));
    const csrfToken = await browser.csrf();
    const statuses = await Promise.all([1, 2].map(() => browser.postJson("/api/auth/callback/passkey", { csrfToken, data }).then((r) => r.status)));
    expect(statuses.sort()).toEqual([200, 400]);
  });

  test("[registration replay] the registration's challenge is single-use too", async () => {
    const setup = app(kind);
    const browser = await signedIn(setup);
    const data = await device().register(await registrationOptions(browser));
    expect((await post(browser, "passkey/register", { data })).status).toBe(200);
    const again = await post(browser, "passkey/register", { data });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: "WebAuthnVerificationError" });
    expect(await setup.adapter.listFactors(setup.users.alice!.id)).toHaveLength(1);
  });
});

/** An app where alice has registered a passkey on a software authenticator. */
async function aliceWithPasskey(kind: AdapterKind = "sql") {
  const setup = app(kind);
  const authenticator = device();
  await registered(await signedIn(setup), authenticator);
  return { setup, authenticator };
}

describe("the ceremony is bound to the browser that started it", () => {
  test("[stolen answer] an answer to browser A's challenge, posted from browser B (its own ceremony or none), is refused", async () => {
    const { setup, authenticator } = await aliceWithPasskey();
    const a = new Browser(setup.appConfig);
    const data = await authenticator.authenticate(await authenticationOptions(a));
    const b = new Browser(setup.appConfig);
    const without = await post(b, "callback/passkey", { data });
    expect(without.status).toBe(400);
    expect(((await without.json()) as { message: string }).message).toMatch(/no passkey ceremony in progress/);
    await authenticationOptions(b);
    expect((await post(b, "callback/passkey", { data })).status).toBe(400);
    expect(await sessionUser(b)).toBeUndefined();
    // A's own ceremony was not spent by B's attempts.
    expect((await post(a, "callback/passkey", { data })).status).toBe(200);
  });

  test("[two tabs] a browser with two sign-in pages open answers each with its own challenge: the second tab's options do not void the first's", async () => {
    const { setup, authenticator } = await aliceWithPasskey();
    const browser = new Browser(setup.appConfig);
    const [first, second] = [await authenticationOptions(browser), await authenticationOptions(browser)];
    const answerToFirst = await authenticator.authenticate(first);
    const answerToSecond = await authenticator.authenticate(second);
    expect((await post(browser, "callback/passkey", { data: answerToFirst })).status).toBe(200);
    expect(await sessionUser(browser)).toBe(setup.users.alice!.id);
    await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf() });
    // The first answer spent its own ceremony only: the second tab's is still open, and the first's is gone.
    expect((await post(browser, "callback/passkey", { data: answerToFirst })).status).toBe(400);
    expect((await post(browser, "callback/passkey", { data: answerToSecond })).status).toBe(200);
    expect(await sessionUser(browser)).toBe(setup.users.alice!.id);
    expect(browser.jar.has("sesame.passkey-challenge")).toBe(false);
  });

  test("[many tabs] a browser keeps its last five ceremonies: a sixth pushes out the oldest, whose answer is refused; the cookie stays under 1 KB", async () => {
    const { setup, authenticator } = await aliceWithPasskey();
    const browser = new Browser(setup.appConfig);
    const options = [];
    for (let i = 0; i < 6; i++) options.push(await authenticationOptions(browser));
    expect(browser.jar.get("sesame.passkey-challenge")!.length).toBeLessThan(1024);
    const oldest = await authenticator.authenticate(options[0]!);
    const refused = await post(browser, "callback/passkey", { data: oldest });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toMatch(/challenge this browser was not given, or no longer holds/);
    expect((await post(browser, "callback/passkey", { data: await authenticator.authenticate(options[1]!) })).status).toBe(200);
  });

  test("[forged client data] an answer whose client data is not JSON, or names no challenge of this browser, is refused and spends none of its ceremonies", async () => {
    const { setup, authenticator } = await aliceWithPasskey();
    const browser = new Browser(setup.appConfig);
    const data = await authenticator.authenticate(await authenticationOptions(browser));
    const forged = (clientDataJSON: string) => ({ ...data, response: { ...data.response, clientDataJSON } });
    const clientData = JSON.parse(Buffer.from(data.response.clientDataJSON, "base64url").toString()) as Record<string, unknown>;
    for (const clientDataJSON of [Buffer.from("not json").toString("base64url"), Buffer.from("{").toString("base64url"), Buffer.from(JSON.stringify({ ...clientData, challenge: b64url(new Uint8Array(32)) })).toString("base64url")]) {
      const response = await post(browser, "callback/passkey", { data: forged(clientDataJSON) });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "WebAuthnVerificationError" });
    }
    expect((await post(browser, "callback/passkey", { data })).status).toBe(200);
  });

  test("the challenge cookie is HttpOnly, sealed (no challenge in clear), and expires with the ceremony", async () => {
    const setup = app();
    const browser = new Browser(setup.appConfig);
    const response = await post(browser, "passkey/authentication-options");
    const { options } = (await response.json()) as { options: { challenge: string } };
    const [cookie] = setCookies(response).filter((c) => c.name === "sesame.passkey-challenge");
    expect(cookie?.attributes).toMatchObject({ httponly: true, "max-age": "300", samesite: "Lax", path: "/" });
    expect(cookie?.value).not.toContain(options.challenge);
    expect(cookie?.value.split(".")).toHaveLength(5);
    // Stored as a hash: the challenge is in no row.
    const rows = await database.db.selectFrom("sesame_account_tokens").selectAll().where("identifier", "=", "passkey:signin").execute();
    expect(rows.some((row) => row.token_hash.length === 43 && !JSON.stringify(row).includes(options.challenge))).toBe(true);
  });

  test("an expired ceremony is refused", async () => {
    const { setup, authenticator } = await aliceWithPasskey();
    const browser = new Browser(setup.appConfig);
    const data = await authenticator.authenticate(await authenticationOptions(browser));
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 301_000);
    const response = await post(browser, "callback/passkey", { data });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "WebAuthnVerificationError" });
  });

  test("[confused deputy] a registration started by one user cannot be finished by another signed in later in the same browser", async () => {
    const setup = app();
    const browser = await signedIn(setup, "alice");
    const data = await device().register(await registrationOptions(browser));
    await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf() });
    expect((await browser.signIn({ username: "bob", password: "pw" })).status).toBe(302);
    const response = await post(browser, "passkey/register", { data });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/another user/);
    expect(await setup.adapter.listFactors(setup.users.bob!.id)).toEqual([]);
  });

  test("a sign-in ceremony's challenge does not finish a registration, nor the reverse", async () => {
    const setup = app();
    const browser = await signedIn(setup);
    const authenticator = device();
    const registration = await authenticator.register(await authenticationOptions(browser).then((o) => ({ ...(o as object), rp: { id: "localhost", name: "x" }, user: { id: "AAAA", name: "a", displayName: "a" } }) as never));
    const response = await post(browser, "passkey/register", { data: registration });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/not a registration/);
  });
});

describe("origin, RP ID, user verification and counters", () => {
  test.each<[string, CeremonyOverrides]>([
    ["another origin", { origin: "https://evil.example" }],
    ["a lookalike port", { origin: "http://localhost:3001" }],
    ["another RP ID", { rpID: "evil.example" }],
    ["the wrong ceremony type", { type: "webauthn.get" }],
  ])("registration from %s is refused", async (_what, overrides) => {
    const setup = app();
    const browser = await signedIn(setup);
    const response = await register(browser, device(), overrides);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "WebAuthnVerificationError" });
    expect(await setup.adapter.listFactors(setup.users.alice!.id)).toEqual([]);
  });

  test.each<[string, CeremonyOverrides]>([
    ["another origin", { origin: "https://evil.example" }],
    ["another RP ID", { rpID: "evil.example" }],
    ["no user verification (a passkey alone signs in only when it verified the user)", { userVerified: false }],
    ["a signature counter that went backwards (a cloned authenticator)", { counter: 1 }],
  ])("a sign-in with %s is refused, and the stored passkey is unchanged", async (_what, overrides) => {
    const setup = app();
    const authenticator = device({ counts: true });
    await registered(await signedIn(setup), authenticator);
    const browser = new Browser(setup.appConfig);
    expect((await signInWithPasskey(browser, authenticator)).status).toBe(200); // counter 2
    const before = await setup.adapter.listFactors(setup.users.alice!.id);
    const fresh = new Browser(setup.appConfig);
    const response = await signInWithPasskey(fresh, authenticator, overrides);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "WebAuthnVerificationError" });
    expect(await sessionUser(fresh)).toBeUndefined();
    expect(await setup.adapter.listFactors(setup.users.alice!.id)).toEqual(before);
  });

  test("a passkey without user verification can be registered (it still serves as a second factor)", async () => {
    const setup = app();
    const passkey = await registered(await signedIn(setup), device({ userVerified: false }), "YubiKey");
    expect(passkey).toMatchObject({ name: "YubiKey", deviceType: "singleDevice", backedUp: false });
  });

  test("Passkey({ origins, rpID }) are the ones checked: the request's own host is not", async () => {
    const setup = app("memory", { passkey: { rpID: "example.com", origins: ["https://app.example.com"], rpName: "Acme" } });
    const browser = await signedIn(setup);
    const options = await registrationOptions(browser);
    expect(options.rp).toEqual({ id: "example.com", name: "Acme" });
    expect((await register(browser, new SoftwareAuthenticator({ origin: ORIGIN }), { rpID: "example.com" })).status).toBe(400);
    expect((await register(browser, new SoftwareAuthenticator({ origin: "https://app.example.com" }))).status).toBe(200);
  });

  test("[host header] the relying party never comes from a forged host: without AUTH_URL only a loopback host, in production only AUTH_URL or allowedHosts", async () => {
    const errors: Error[] = [];
    const logger = { error: (error: Error) => void errors.push(error) };
    const browser = new Browser(app("memory", { logger }).appConfig);
    const forged = await browser.postJson("/api/auth/passkey/authentication-options", { csrfToken: await browser.csrf() }, { "x-forwarded-host": "evil.example" });
    expect([forged.status, ((await forged.json()) as { error: string }).error]).toEqual([500, "Configuration"]);
    expect(errors.at(-1)).toMatchObject({ type: "UntrustedHost", message: expect.stringMatching(/RP ID and origin are built from the request's host only for loopback hosts/) });

    vi.stubEnv("NODE_ENV", "production");
    const production = new Browser(app("memory", { logger }).appConfig);
    expect((await post(production, "passkey/authentication-options")).status).toBe(500);
    expect(errors.at(-1)).toMatchObject({ type: "UntrustedHost", message: expect.stringMatching(/must not be built from the request's Host/) });

    vi.stubEnv("AUTH_URL", "https://app.example.com");
    const configured = new Browser(app("memory", { logger }).appConfig, "https://app.example.com");
    const response = await configured.postJson("/api/auth/passkey/authentication-options", { csrfToken: await configured.csrf() }, { "x-forwarded-host": "evil.example" });
    expect(((await response.json()) as { options: { rpId: string } }).options.rpId).toBe("app.example.com");
  });

  test("an app reached on an IP address (AUTH_URL, or a loopback request in development) gets no options browsers would refuse: a configuration error that says why", async () => {
    const errors: Error[] = [];
    const logger = { error: (error: Error) => void errors.push(error) };
    // Chromium answers a ceremony for RP ID "127.0.0.1" with SecurityError "This is an invalid domain".
    const loopback = new Browser(app("memory", { logger }).appConfig, "http://127.0.0.1:3000");
    const answer = await loopback.postJson("/api/auth/passkey/authentication-options", { csrfToken: await loopback.csrf() });
    expect([answer.status, ((await answer.json()) as { error: string }).error]).toEqual([500, "Configuration"]);
    expect(errors.at(-1)).toMatchObject({ type: "InvalidConfiguration", message: expect.stringMatching(/IP address.*localhost/) });

    vi.stubEnv("AUTH_URL", "http://127.0.0.1:3000");
    const configured = new Browser(app("memory", { logger }).appConfig, "http://127.0.0.1:3000");
    expect((await post(configured, "passkey/authentication-options")).status).toBe(500);
    expect(errors.at(-1)).toMatchObject({ type: "InvalidConfiguration", message: expect.stringMatching(/IP address/) });

    // With an RP ID of its own that covers the host, the host is the configuration's business, as before.
    vi.stubEnv("AUTH_URL", "http://localhost:3000");
    const named = new Browser(app("memory", { logger }).appConfig, "http://localhost:3000");
    expect((await post(named, "passkey/authentication-options")).status).toBe(200);
  });
});

describe("options", () => {
  test("registration asks for a discoverable credential, user verification where available, no attestation, and excludes the user's passkeys", async () => {
    const setup = app();
    const browser = await signedIn(setup);
    const first = await registered(browser, device());
    const options = await registrationOptions(browser);
    expect(options.authenticatorSelection).toEqual({ residentKey: "required", requireResidentKey: true, userVerification: "preferred" });
    expect(options.attestation).toBe("none");
    expect(options.rp).toEqual({ id: "localhost", name: "localhost" });
    expect(options.user.name).toBe(setup.users.alice!.email);
    // The user handle is a hash of the user's id, never the id itself, and the same for every registration.
    expect(options.user.id).not.toContain(Buffer.from(setup.users.alice!.id).toString("base64url"));
    expect((await registrationOptions(browser)).user.id).toBe(options.user.id);
    const [stored] = await setup.adapter.listFactors(setup.users.alice!.id);
    expect(options.excludeCredentials).toEqual([{ id: (JSON.parse(stored!.data) as { credentialId: string }).credentialId, type: "public-key", transports: ["internal", "hybrid"] }]);
    expect(first.id).toBe(stored!.id);
  });

  test("sign-in names no user and lists no credential (discoverable credentials, autofill)", async () => {
    const options = await authenticationOptions(new Browser(app().appConfig));
    expect(options).toMatchObject({ rpId: "localhost", userVerification: "preferred", timeout: 300_000 });
    expect(options.allowCredentials).toEqual([]);
    expect(options.challenge).toMatch(/^[\w-]{43}$/);
  });

  test("[flood] asking for sign-in options stores a challenge: one address gets three times the per-IP sign-in limit, others are unaffected", async () => {
    const setup = app("sql", { rateLimit: { perIp: { max: 2, window: 60 }, perIdentifier: false, clientIp: (request) => request.headers.get("x-test-ip") } });
    const browser = new Browser(setup.appConfig);
    const csrfToken = await browser.csrf();
    const ask = (ip: string) => browser.postJson("/api/auth/passkey/authentication-options", { csrfToken }, { "x-test-ip": ip });
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await ask("203.0.113.7")).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
    const limited = await ask("203.0.113.7");
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ error: "RateLimited" });
    expect((await ask("198.51.100.1")).status).toBe(200);
  });

  test("registration needs a signed-in user; signing in does not", async () => {
    const setup = app();
    const browser = new Browser(setup.appConfig);
    const response = await post(browser, "passkey/registration-options");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "SessionRequired" });
    expect((await post(browser, "passkey/register", { data: {} })).status).toBe(401);
    expect((await browser.fetch("/api/auth/passkey/list")).status).toBe(401);
    expect((await post(browser, "passkey/authentication-options")).status).toBe(200);
  });

  test.each(["passkey/registration-options", "passkey/register", "passkey/authentication-options", "passkey/rename", "passkey/delete", "callback/passkey"])(
    "[CSRF] POST /%s without the token → 403 MissingCSRF",
    async (path) => {
      const browser = await signedIn(app());
      await browser.csrf();
      const response = await browser.postJson(`/api/auth/${path}`, { data: {}, id: "x" });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: "MissingCSRF" });
      expect(setCookies(response).filter((c) => c.name.includes("passkey"))).toEqual([]);
    },
  );
});

describe("a recent sign-in for adding and removing passkeys", () => {
  test("[stale session] five minutes after signing in, registering and deleting need a new sign-in; listing and renaming do not", async () => {
    const setup = app();
    const browser = await signedIn(setup);
    const passkey = await registered(browser, device());
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 301_000);
    const options = await post(browser, "passkey/registration-options");
    expect(options.status).toBe(401);
    expect(await options.json()).toMatchObject({ error: "ReauthenticationRequired" });
    const deleted = await post(browser, "passkey/delete", { id: passkey.id });
    expect(await deleted.json()).toMatchObject({ error: "ReauthenticationRequired" });
    expect((await browser.fetch("/api/auth/passkey/list")).status).toBe(200);
    expect((await post(browser, "passkey/rename", { id: passkey.id, name: "Laptop" })).status).toBe(200);
    expect((await browser.signIn({ username: "alice", password: "pw" })).status).toBe(302);
    expect((await post(browser, "passkey/delete", { id: passkey.id })).status).toBe(200);
  });

  test("signing in with a passkey is a fresh sign-in: it may add another", async () => {
    const { setup, authenticator } = await aliceWithPasskey();
    const later = new Browser(setup.appConfig);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 3_600_000);
    expect((await signInWithPasskey(later, authenticator)).status).toBe(200);
    await registered(later, device(), "Second");
    expect(await setup.adapter.listFactors(setup.users.alice!.id)).toHaveLength(2);
  });

  test("with JWT sessions too", async () => {
    const setup = app("sql", { session: { strategy: "jwt" } });
    const browser = await signedIn(setup);
    await registered(browser, device());
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 301_000);
    expect(await (await post(browser, "passkey/registration-options")).json()).toMatchObject({ error: "ReauthenticationRequired" });
  });
});

describe("the user's own passkeys: list, rename, delete", () => {
  test("several passkeys per user, each named; rename and delete act on the user's own only", async () => {
    const setup = app();
    const alice = await signedIn(setup, "alice");
    const bob = await signedIn(setup, "bob");
    const laptop = await registered(alice, device(), "  Work   laptop ");
    const phone = await registered(alice, device());
    const bobs = await registered(bob, device(), "Bob's key");
    const list = (await (await alice.fetch("/api/auth/passkey/list")).json()) as { passkeys: PasskeyInfo[] };
    expect(list.passkeys.map((p) => [p.id, p.name])).toEqual([
      [laptop.id, "Work laptop"],
      [phone.id, "Passkey"],
    ]);
    expect(JSON.stringify(list)).not.toMatch(/publicKey|credentialId|counter/);

    const renamed = await post(alice, "passkey/rename", { id: phone.id, name: "Phone" });
    expect(await renamed.json()).toMatchObject({ passkey: { id: phone.id, name: "Phone" } });
    // Another user's passkey looks exactly like one that does not exist.
    for (const path of ["passkey/rename", "passkey/delete"]) {
      const theirs = await post(alice, path, { id: bobs.id, name: "Mine now" });
      const nothing = await post(alice, path, { id: "A".repeat(43), name: "Mine now" });
      expect([theirs.status, await theirs.json()]).toEqual([404, { error: "PasskeyNotFound", message: "You have no passkey with this id." }]);
      expect([nothing.status, await nothing.json()]).toEqual([404, { error: "PasskeyNotFound", message: "You have no passkey with this id." }]);
    }
    expect((await setup.adapter.getFactor(bobs.id))?.name).toBe("Bob's key");

    expect(await (await post(alice, "passkey/delete", { id: laptop.id })).json()).toEqual({ ok: true });
    expect(((await (await alice.fetch("/api/auth/passkey/list")).json()) as { passkeys: PasskeyInfo[] }).passkeys.map((p) => p.name)).toEqual(["Phone"]);
    expect(setup.events.filter(([name]) => name === "passkeyRemoved")).toMatchObject([["passkeyRemoved", { passkey: { id: laptop.id, name: "Work laptop" }, user: { id: setup.users.alice!.id } }]]);
    // A deleted passkey no longer signs in.
    const deletedDevice = device();
    const gone = await registered(alice, deletedDevice);
    expect((await post(alice, "passkey/delete", { id: gone.id })).status).toBe(200);
    const attempt = await signInWithPasskey(new Browser(setup.appConfig), deletedDevice);
    expect(await attempt.json()).toMatchObject({ error: "WebAuthnVerificationError", message: "This passkey is not registered here." });
  });

  test("[factor confusion] the passkey routes cannot rename or delete another kind of factor of the user", async () => {
    const setup = app();
    const browser = await signedIn(setup);
    await setup.adapter.createFactors([{ id: "T".repeat(43), userId: setup.users.alice!.id, kind: "totp", name: null, data: "sealed", createdAt: new Date(), lastUsedAt: null, expires: null }]);
    expect((await post(browser, "passkey/delete", { id: "T".repeat(43) })).status).toBe(404);
    expect((await post(browser, "passkey/rename", { id: "T".repeat(43), name: "x" })).status).toBe(404);
    expect(await setup.adapter.getFactor("T".repeat(43))).toMatchObject({ kind: "totp", name: null });
    expect(((await (await browser.fetch("/api/auth/passkey/list")).json()) as { passkeys: unknown[] }).passkeys).toEqual([]);
  });

  test("[takeover] a credential id already registered to one user cannot be registered to another", async () => {
    const setup = app();
    const alice = await signedIn(setup, "alice");
    const victim = device();
    await registered(alice, victim);
    const bob = await signedIn(setup, "bob");
    // Bob's own (software) authenticator attests a credential under Alice's credential id, which is no secret.
    const aliceId = victim.credentials[0]!.id;
    const taken = await post(bob, "passkey/register", { data: await device().register(await registrationOptions(bob), { credentialId: aliceId }) });
    expect([taken.status, await taken.json()]).toEqual([400, { error: "WebAuthnVerificationError", message: "This passkey is already registered." }]);
    // Nor may the answer name one credential while attesting another.
    const attested = await device().register(await registrationOptions(bob));
    const renamed = await post(bob, "passkey/register", { data: { ...attested, id: b64url(aliceId), rawId: b64url(aliceId) } });
    expect([renamed.status, ((await renamed.json()) as { error: string }).error]).toEqual([400, "WebAuthnVerificationError"]);
    expect(await setup.adapter.listFactors(setup.users.bob!.id)).toEqual([]);
    // Alice's passkey still signs Alice in.
    const browser = new Browser(setup.appConfig);
    expect((await signInWithPasskey(browser, victim)).status).toBe(200);
    expect(await sessionUser(browser)).toBe(setup.users.alice!.id);
  });
});

describe("hostile input: a typed 4xx, never a 500", () => {
  const shapes: Array<[string, unknown]> = [
    ["no data", undefined],
    ["a string that is not JSON", "x"],
    ["JSON text that is not an object", "[1]"],
    ["an array", []],
    ["no id", { rawId: "AAAA", type: "public-key", response: {} }],
    ["a malformed base64url id", { id: "not base64!", rawId: "not base64!", type: "public-key", response: {} }],
    ["rawId ≠ id", { id: "AAAA", rawId: "BBBB", type: "public-key", response: {} }],
    ["a 2 KB id", { id: "A".repeat(2000), rawId: "A".repeat(2000), type: "public-key", response: {} }],
    ["another type", { id: "AAAA", rawId: "AAAA", type: "password", response: {} }],
    ["no response", { id: "AAAA", rawId: "AAAA", type: "public-key" }],
    ["malformed clientDataJSON", { id: "AAAA", rawId: "AAAA", type: "public-key", response: { clientDataJSON: "%%%", authenticatorData: "AAAA", signature: "AAAA", attestationObject: "AAAA" } }],
    ["a number for a field", { id: "AAAA", rawId: "AAAA", type: "public-key", response: { clientDataJSON: 7, authenticatorData: "AAAA", signature: "AAAA", attestationObject: "AAAA" } }],
  ];

  test.each(shapes)("%s → 400 InvalidRequest, and the ceremony is not spent", async (_what, data) => {
    const setup = app();
    const authenticator = device();
    const browser = await signedIn(setup);
    const options = await registrationOptions(browser);
    const response = await post(browser, "passkey/register", { data });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "InvalidRequest" });
    const signIn = await post(browser, "callback/passkey", { data });
    expect(signIn.status).toBe(400);
    // The registration's ceremony is still there to finish.
    expect((await post(browser, "passkey/register", { data: await authenticator.register(options) })).status).toBe(200);
  });

  test("well-formed base64url that is garbage inside (CBOR, client data, signature) → 400 WebAuthnVerificationError", async () => {
    const setup = app();
    const browser = await signedIn(setup);
    const authenticator = device();
    const real = await authenticator.register(await registrationOptions(browser));
    const garbage = { ...real, response: { ...real.response, attestationObject: b64url(crypto.getRandomValues(new Uint8Array(300))) } };
    const registration = await post(browser, "passkey/register", { data: garbage });
    expect([registration.status, ((await registration.json()) as { error: string }).error]).toEqual([400, "WebAuthnVerificationError"]);
    await registered(browser, authenticator);
    const assertion = await authenticator.authenticate(await authenticationOptions(browser));
    const clientData = { ...assertion, response: { ...assertion.response, clientDataJSON: b64url(new TextEncoder().encode("{not json")) } };
    const signIn = await post(browser, "callback/passkey", { data: clientData });
    expect([signIn.status, ((await signIn.json()) as { error: string }).error]).toEqual([400, "WebAuthnVerificationError"]);
    await authenticationOptions(browser);
    const badSignature = { ...assertion, response: { ...assertion.response, signature: b64url(crypto.getRandomValues(new Uint8Array(70))) } };
    expect((await post(browser, "callback/passkey", { data: badSignature })).status).toBe(400);
  });

  test("a body over 64 KiB is refused before it is read; names are bounded and printable", async () => {
    const setup = app();
    const browser = await signedIn(setup);
    const huge = await post(browser, "callback/passkey", { data: { id: "A".repeat(70_000) } });
    expect([huge.status, ((await huge.json()) as { error: string }).error]).toEqual([400, "InvalidRequest"]);
    const passkey = await registered(browser, device());
    for (const name of ["x".repeat(65), "a\u0000b", "right\u202Eleft", "\ud800"]) {
      const response = await post(browser, "passkey/rename", { id: passkey.id, name });
      expect([response.status, ((await response.json()) as { error: string }).error]).toEqual([400, "InvalidRequest"]);
    }
    expect(await (await post(browser, "passkey/rename", { id: passkey.id, name: "🔑 Key 👨‍💻" })).json()).toMatchObject({ passkey: { name: "🔑 Key 👨‍💻" } });
    expect(await (await post(browser, "passkey/rename", { id: passkey.id, name: "   " })).json()).toMatchObject({ passkey: { name: "Passkey" } });
    const malformedId = await post(browser, "passkey/delete", { id: "../../etc" });
    expect([malformedId.status, ((await malformedId.json()) as { error: string }).error]).toEqual([400, "InvalidRequest"]);
  });
});

describe("the rest of the API", () => {
  test("GET /providers lists the passkey provider as webauthn; POST /signin/passkey explains that the browser signs in; GET /callback/passkey is 405", async () => {
    const browser = new Browser(app().appConfig);
    expect(await (await browser.fetch("/api/auth/providers")).json()).toMatchObject({ passkey: { id: "passkey", name: "Passkey", type: "webauthn" } });
    const start = await post(browser, "signin/passkey");
    expect([start.status, ((await start.json()) as { error: string }).error]).toEqual([400, "InvalidRequest"]);
    expect((await browser.fetch("/api/auth/callback/passkey")).status).toBe(405);
  });

  test("without a Passkey() provider the routes are not there", async () => {
    const setup = app();
    const browser = new Browser({ ...setup.appConfig, providers: setup.appConfig.providers.slice(0, 1) });
    expect((await post(browser, "passkey/authentication-options")).status).toBe(404);
  });

  test("the sign-in page: a passkey button and autofill on the username field, with a nonce-allowed script and nothing else", async () => {
    const browser = new Browser(app().appConfig);
    const response = await browser.fetch("/api/auth/signin");
    const html = await response.text();
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = /script-src 'nonce-([\w-]+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("connect-src 'self'");
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain('autocomplete="username webauthn"');
    expect(html).toContain("Sign in with a passkey");
    expect(html).toContain(`data-auth-base="${ORIGIN}/api/auth"`);
    // Another page load, another nonce.
    const again = (await browser.fetch("/api/auth/signin")).headers.get("content-security-policy");
    expect(again).not.toContain(nonce);
  });

  test("without a credentials form, the passkey section has its own username field; without passkeys, the page has no script", async () => {
    const setup = app();
    const onlyPasskeys = await (await new Browser({ ...setup.appConfig, providers: [Passkey()] }).fetch("/api/auth/signin")).text();
    expect(onlyPasskeys).toMatch(/<input id="passkey-username" name="username" type="text" autocomplete="username webauthn">/);
    const withoutPasskeys = await new Browser({ ...setup.appConfig, providers: setup.appConfig.providers.slice(0, 1) }).fetch("/api/auth/signin");
    expect(await withoutPasskeys.text()).not.toContain("<script");
    expect(withoutPasskeys.headers.get("content-security-policy")).not.toContain("script-src");
  });
});

describe("configuration, checked at start", () => {
  const configured = (appConfig: SesameConfig) => () => resolveConfig(appConfig);

  test("Passkey() needs an adapter with the factor methods", () => {
    const { appConfig } = app("memory");
    expect(configured({ ...appConfig, adapter: undefined, session: { strategy: "jwt" } })).toThrow(/Passkey\(\) keeps each user's passkeys in the database/);
    const { createFactors: _, ...withoutFactors } = MemoryAdapter();
    expect(configured({ ...appConfig, adapter: withoutFactors as Adapter })).toThrow(/lacks `createFactors`/);
  });

  test.each<[PasskeyOptions, RegExp]>([
    [{ rpID: "https://example.com" }, /rpID/],
    [{ rpID: "example.com:443" }, /rpID/],
    [{ rpID: "127.0.0.1" }, /rpID/],
    [{ origins: [] }, /origins/],
    [{ origins: ["https://example.com/"] }, /not an origin/],
    [{ origins: ["http://example.com"] }, /https only/],
    // A loopback IP is a secure context, but browsers take only a domain as RP ID ("This is an invalid domain").
    [{ origins: ["http://127.0.0.1:3000"] }, /IP address/],
    [{ rpID: "example.com", origins: ["https://example.org"] }, /not within the RP ID/],
    [{ origins: ["https://a.example.com", "https://b.example.com"] }, /not within the RP ID "a.example.com"/],
    [{ reauthenticateAfter: -1 }, /reauthenticateAfter/],
    [{ challengeMaxAge: 10 }, /challengeMaxAge/],
    [{ rpName: "" }, /rpName/],
  ])("Passkey(%j) is refused", (options, message) => {
    expect(configured(app("memory", { passkey: options }).appConfig)).toThrow(message);
  });

  test("two Passkey() providers are refused; the NextAuth options that named WebAuthn point here", () => {
    const { appConfig } = app("memory");
    expect(configured({ ...appConfig, providers: [...appConfig.providers, Passkey({ id: "other" })] })).toThrow(/Two Passkey\(\) providers/);
    expect(configured({ ...appConfig, experimental: { enableWebAuthn: true } } as SesameConfig)).toThrow(/Passkey\(\)/);
  });

  test("a valid setup resolves, with the RP from the origins", () => {
    const { appConfig } = app("memory", { passkey: { origins: ["https://www.example.com"], rpID: "example.com" } });
    expect(resolveConfig(appConfig).passkeys).toMatchObject({ rpID: "example.com", origins: ["https://www.example.com"], reauthenticateAfterSeconds: 300, challengeMaxAgeSeconds: 300 });
  });
});

describe("passkeys as a second factor (for the second-factor step)", () => {
  test("verifyPasskeyForUser accepts the user's own passkey without user verification, once per challenge; another user's is refused", async () => {
    const setup = app();
    const authenticator = device({ userVerified: false });
    await registered(await signedIn(setup, "alice"), authenticator);
    const context = createContext(new Request(`${ORIGIN}/api/auth/signin`), resolveConfig(setup.appConfig));
    const challenge = b64url(crypto.getRandomValues(new Uint8Array(32)));
    const options = await passkeyOptionsForUser(context, setup.adapter, setup.users.alice!.id, challenge);
    expect(options).toMatchObject({ challenge, userVerification: "discouraged", rpId: "localhost" });
    expect(options.allowCredentials).toEqual([{ id: b64url(authenticator.credentials[0]!.id), type: "public-key", transports: ["internal", "hybrid"] }]);
    const assertion = await authenticator.authenticate(options);
    await expect(verifyPasskeyForUser(context, setup.adapter, setup.users.bob!.id, assertion, challenge)).rejects.toThrow("This passkey is not one of this user's.");
    const passkey = await verifyPasskeyForUser(context, setup.adapter, setup.users.alice!.id, assertion, challenge);
    expect(passkey.factor.userId).toBe(setup.users.alice!.id);
    // The same assertion again (a caller that let a challenge be used twice) is still refused.
    await expect(verifyPasskeyForUser(context, setup.adapter, setup.users.alice!.id, assertion, challenge)).rejects.toThrow(/already used/);
    await expect(verifyPasskeyForUser(context, setup.adapter, setup.users.alice!.id, { nope: true }, challenge)).rejects.toMatchObject({ type: "InvalidRequest" });
  });
});
