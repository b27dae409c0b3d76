/**
 * `tokens.store`: JWT sessions whose upstream tokens stay on the server. The stores' contract, run against
 * each implementation on its real storage; provider tokens of Entra ID's size, which make the cookie several
 * kilobytes without a store and leave it under 1 KB with one; sign-out and revocation deleting the stored
 * tokens; and a store that goes down failing closed, then recovering. (Refreshing, its coordination and the
 * grace window with a store: `backend-refresh.test.ts`, which runs every test once per place tokens are kept.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { RedisTokenStore } from "../../../src/adapters/redis.node.js";
import { SqlTokenStore } from "../../../src/adapters/sql.js";
import { getAccessToken, MemoryRevocationStore, MemoryTokenStore, revokeUserSessions, type Session, type SesameConfig, type UpstreamTokenStore } from "../../../src/index.js";
import { decode } from "../../../src/jwt.js";
import Credentials from "../../../src/providers/credentials.js";
import { sqlDatabases, sqliteDatabase, type TestDatabase } from "../../support/databases.js";
import { Browser, SECRET, sessionCookie } from "../../support/helpers.js";
import { sleep } from "../../support/harness.js";
import { privateRedis, type PrivateServer } from "../../support/servers.js";

const now = () => Math.floor(Date.now() / 1000);

describe.each<[string, () => Promise<{ store: UpstreamTokenStore; close(): Promise<void> }>]>([
  ["MemoryTokenStore", async () => ({ store: MemoryTokenStore(), close: async () => {} })],
  ["RedisTokenStore", async () => ({ store: RedisTokenStore({ prefix: `t:contract:${crypto.randomUUID()}:` }), close: async () => {} })],
  ...sqlDatabases.map(([name, open]): [string, () => Promise<{ store: UpstreamTokenStore; close(): Promise<void> }>] => [`SqlTokenStore on ${name}`, async () => withDatabase(await open())]),
])("the token store contract: %s", (_name, open) => {
  let store: UpstreamTokenStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await open());
  });
  afterAll(() => close());

  test("set, get, replace; unknown sessions read as null", async () => {
    const id = crypto.randomUUID();
    expect(await store.get(id)).toBeNull();
    await store.set(id, { sealed: "first", userId: "u1", expiresAt: now() + 60 });
    expect(await store.get(id)).toBe("first");
    await store.set(id, { sealed: "second", userId: "u1", expiresAt: now() + 60 });
    expect(await store.get(id)).toBe("second");
  });

  test("an entry past its expiry reads as null; expire() moves the expiry either way", async () => {
    const [gone, moved, shortened] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await store.set(gone, { sealed: "x", expiresAt: now() - 1 });
    expect(await store.get(gone)).toBeNull();
    await store.set(moved, { sealed: "y", expiresAt: now() + 60 });
    await store.expire(moved, now() + 3600);
    expect(await store.get(moved)).toBe("y");
    await store.set(shortened, { sealed: "z", expiresAt: now() + 60 });
    await store.expire(shortened, now() - 1);
    expect(await store.get(shortened)).toBeNull();
    // Nothing to move: no error, and nothing created.
    await store.expire(crypto.randomUUID(), now() + 60);
  });

  test("delete() ends one session's entry; deleteUser() every entry of that user and no one else's", async () => {
    const [mine, alsoMine, theirs, single] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const me = `user-${crypto.randomUUID()}`;
    await store.set(mine, { sealed: "a", userId: me, expiresAt: now() + 60 });
    await store.set(alsoMine, { sealed: "b", userId: me, expiresAt: now() + 60 });
    await store.set(theirs, { sealed: "c", userId: "someone-else", expiresAt: now() + 60 });
    await store.set(single, { sealed: "d", userId: me, expiresAt: now() + 60 });
    await store.delete(single);
    expect(await store.get(single)).toBeNull();
    await store.deleteUser(me);
    expect([await store.get(mine), await store.get(alsoMine), await store.get(theirs)]).toEqual([null, null, "c"]);
  });

  test("an entry of 100 KB reads back whole (MySQL's text would stop at 64 KB)", async () => {
    const id = crypto.randomUUID();
    const sealed = "s".repeat(100_000);
    await store.set(id, { sealed, expiresAt: now() + 60 });
    expect(await store.get(id)).toBe(sealed);
  });

  test("twenty sessions stored at once, while expired entries are swept, all read back", async () => {
    for (let i = 0; i < 5; i++) await store.set(crypto.randomUUID(), { sealed: "old", expiresAt: now() - 1 });
    const ids = Array.from({ length: 20 }, () => crypto.randomUUID());
    await Promise.all(ids.map((id, i) => store.set(id, { sealed: `new-${i}`, userId: `user-${i % 3}`, expiresAt: now() + 60 })));
    expect(await Promise.all(ids.map((id) => store.get(id)))).toEqual(ids.map((_, i) => `new-${i}`));
  });
});

function withDatabase(database: TestDatabase) {
  return { store: SqlTokenStore(database.db), close: () => database.drop() };
}

/** Tokens the size Entra ID issues: a 2.6 KB access JWT, a 1.8 KB refresh token. */
const bigToken = (prefix: string, bytes: number) => prefix + "x".repeat(bytes - prefix.length);
let refreshes = 0;
const entraSized = () =>
  Credentials({
    credentials: { username: { label: "Username" } },
    authorize: ({ username }) => ({
      id: username === "bob" ? "2" : "1",
      name: username,
      tokens: { accessToken: bigToken("eyJ.access.", 2600), refreshToken: bigToken("refresh-", 1800), expiresAt: now() + 3600 },
    }),
    tokens: {
      refresh: () => {
        refreshes++;
        return { accessToken: bigToken(`eyJ.refreshed-${refreshes}.`, 2600), refreshToken: bigToken(`refresh-${refreshes}-`, 1800), expiresAt: now() + 3600 };
      },
    },
  });

const app = (tokens: SesameConfig["tokens"] = {}, extra: Partial<SesameConfig> = {}): SesameConfig => ({
  secret: SECRET,
  trustHost: true,
  rateLimit: false,
  providers: [entraSized()],
  logger: { warn: () => {} },
  tokens,
  ...extra,
});

async function signIn(config: SesameConfig, username = "alice") {
  const browser = new Browser(config);
  const response = await browser.signIn({ username });
  return { browser, response };
}

const cookieBytes = (response: Response) =>
  response.headers
    .getSetCookie()
    .filter((line) => line.startsWith("sesame.session-token"))
    .map((line) => line.split(";")[0]!.length);

describe("Entra ID-sized tokens", () => {
  test("in the cookie they take two chunks (> 4 KB); with a store the cookie is one, under 1 KB, with no token in it", async () => {
    const inline = await signIn(app());
    expect(cookieBytes(inline.response).length).toBeGreaterThan(1);
    expect(cookieBytes(inline.response).reduce((a, b) => a + b)).toBeGreaterThan(4096);

    const stored = await signIn(app({ store: MemoryTokenStore() }));
    const [bytes, ...more] = cookieBytes(stored.response);
    expect(more).toEqual([]);
    expect(bytes).toBeLessThan(1024);
    const claims = await decode({ token: sessionCookie(stored.browser)!, secret: SECRET, salt: "sesame.session-token" });
    expect(JSON.stringify(claims)).not.toMatch(/refresh-|eyJ\.access/);
  });

  test("getAccessToken reads them from the store, and a refresh writes the new ones there: the cookie stays small", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const config = app({ store: MemoryTokenStore() });
    const { browser } = await signIn(config);
    expect((await getAccessToken(browser.request("/"), config)).accessToken).toMatch(/^eyJ\.access\./);
    vi.setSystemTime(Date.now() + 3600_000);
    const before = refreshes;
    const refreshed = await getAccessToken(browser.request("/"), config);
    expect(refreshes).toBe(before + 1);
    expect(refreshed.accessToken).toMatch(new RegExp(`^eyJ\\.refreshed-${refreshes}\\.`));
    const cookies = refreshed.cookies.filter((line) => line.startsWith("sesame.session-token"));
    expect(cookies).toHaveLength(1);
    expect(cookies[0]!.split(";")[0]!.length).toBeLessThan(1024);
    vi.useRealTimers();
  });
});

describe("ending sessions deletes their stored tokens", () => {
  test("sign-out deletes the session's tokens: a copy of the cookie kept from before has none to use", async () => {
    const store = MemoryTokenStore();
    const config = app({ store });
    const { browser } = await signIn(config);
    const copy = browser.request("/");
    expect((await getAccessToken(copy, config)).accessToken).not.toBeNull();
    await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf() });
    expect(sessionCookie(browser)).toBeUndefined();
    // Without revocation the copied cookie is still a session (a JWT), but its tokens are gone.
    expect((await getAccessToken(copy, config)).accessToken).toBeNull();
  });

  test("revokeUserSessions deletes the tokens of every session of that user, and of no one else", async () => {
    const store = MemoryTokenStore();
    const config = app({ store }, { revocation: { store: MemoryRevocationStore() } });
    const [laptop, phone, bob] = await Promise.all([signIn(config), signIn(config), signIn(config, "bob")]);
    await revokeUserSessions(config, "1");
    for (const { browser } of [laptop, phone]) expect((await getAccessToken(browser.request("/"), config)).accessToken).toBeNull();
    expect((await getAccessToken(bob.browser.request("/"), config)).accessToken).toMatch(/^eyJ/);
  });
});

describe("the store down: closed, reported, recovering", () => {
  let redis: PrivateServer;
  let down = false;
  const kill = async () => {
    await redis.kill();
    down = true;
  };
  const restart = async () => {
    await redis.start();
    down = false;
  };
  beforeAll(async () => {
    redis = await privateRedis();
  }, 30_000);
  afterAll(() => redis?.destroy());
  afterEach(async () => {
    vi.useRealTimers();
    if (down) await restart();
  });

  test("sign-in fails with AdapterError and sets no session: no session without its tokens", async () => {
    const config = app({ store: RedisTokenStore({ url: redis.url, connectTimeout: 300 }) });
    await signIn(config);
    await kill();
    const { browser, response } = await signIn(config);
    // A form post lands on the error page, which says what failed.
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("location")!).searchParams.get("error")).toBe("AdapterError");
    expect(sessionCookie(browser)).toBeUndefined();
  });

  test("a refresh due while it is down: RefreshTokenError, no access token, the session kept; back up, it refreshes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const warnings: string[] = [];
    const config = app({ store: RedisTokenStore({ url: redis.url, connectTimeout: 300 }) }, { logger: { warn: (code) => void warnings.push(code) } });
    const { browser } = await signIn(config);
    vi.setSystemTime(Date.now() + 3600_000);
    await kill();
    const session = (await browser.session()) as Session;
    expect(session).toMatchObject({ user: { name: "alice" }, error: "RefreshTokenError" });
    expect(await getAccessToken(browser.request("/"), config)).toMatchObject({ accessToken: null, error: "RefreshTokenError" });
    expect(warnings).toContain("RefreshTokenError");

    await restart();
    const before = refreshes;
    // The client reconnects on its own back-off (at most 2 s apart); until then the store still fails closed.
    let recovered = (await browser.session()) as Session;
    for (let waited = 0; recovered.error && waited < 5_000; waited += 100) {
      await sleep(100);
      recovered = (await browser.session()) as Session;
    }
    expect(recovered.error).toBeUndefined();
    expect(refreshes).toBe(before + 1);
    expect((await getAccessToken(browser.request("/"), config)).accessToken).toMatch(/^eyJ\.refreshed-/);
  }, 30_000);
});

test("tokens.store is for JWT sessions: with database sessions it is a configuration error saying why", async () => {
  const database = await sqliteDatabase();
  try {
    const { SqlAdapter } = await import("../../../src/adapters/sql.js");
    const response = await new Browser(app({ store: MemoryTokenStore() }, { adapter: SqlAdapter(database.db) })).fetch("/api/auth/session");
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: "Configuration" });
  } finally {
    await database.drop();
  }
});
