/**
 * docs/migration.md, "With a database", end to end: an Auth.js v5 app (the real @auth/core, database
 * sessions in PostgreSQL through the real @auth/pg-adapter) signs people in; the app then switches to Sesame
 * with the same database and the same adapter, and every one of them is still signed in, as the same user.
 */
import { Auth as authJs, type AuthConfig } from "@auth/core";
import PostgresAdapter from "@auth/pg-adapter";
import type pg from "pg";
import { Kysely, PostgresDialect } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "vitest";
import { adoptAuthjs, SqlAdapter, type SesameDatabase } from "../../../packages/sesame/src/adapters/sql.js";
import type { Adapter } from "../../../packages/sesame/src/core/adapter.js";
import type { AuthjsAdapter } from "../../../packages/sesame/src/core/authjs-adapter.js";
import { OIDC } from "../../../packages/sesame/src/providers/oauth.js";
import { config, SECRET, sessionCookie } from "../../../packages/sesame/test/support/helpers.js";
import { OAuthBrowser } from "../../../packages/sesame/test/support/oauth-browser.js";
import { CLIENT_SECRET, startOP, type TestOP } from "../../../packages/sesame/test/support/op.js";
import { PG_ADAPTER_SCHEMA, postgresSchema } from "./setups.js";

let op: TestOP;
let pool: pg.Pool;
let drop: () => Promise<void>;

beforeAll(async () => {
  op = await startOP();
});
afterAll(() => op.close());
// A fresh Auth.js database for each way of switching.
beforeEach(async () => {
  ({ pool, drop } = await postgresSchema(PG_ADAPTER_SCHEMA));
});
afterEach(() => drop());

/** The Auth.js app before the switch: its documented setup for PostgreSQL with database sessions. */
const authJsConfig = (): AuthConfig => ({
  adapter: PostgresAdapter(pool),
  providers: [{ id: "basic", name: "Basic", type: "oidc", issuer: op.issuer, clientId: "basic", clientSecret: CLIENT_SECRET }],
  secret: SECRET,
  trustHost: true,
  basePath: "/api/auth",
  session: { strategy: "database" },
});

/** A browser of the Auth.js app: the same flows, answered by @auth/core. */
class AuthJsBrowser extends OAuthBrowser {
  override async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await authJs(this.request(path, init), authJsConfig());
    this.store(response);
    return response;
  }
}

/** The two ways to switch: keep the Auth.js adapter, or let Sesame's SqlAdapter take its tables over. */
const SWITCHES: Array<{ way: string; adapter(): Promise<Adapter | AuthjsAdapter> }> = [
  { way: "keeping @auth/pg-adapter", adapter: async () => PostgresAdapter(pool) },
  {
    way: "to SqlAdapter over the same tables",
    async adapter() {
      const db = new Kysely<SesameDatabase>({ dialect: new PostgresDialect({ pool }) });
      await adoptAuthjs(db, "pg-adapter");
      return SqlAdapter(db, { authjs: "pg-adapter" });
    },
  },
];

let sesameAdapter: Adapter | AuthjsAdapter;

/** The app after the switch: the same provider, imported from Sesame, and the adapter of the way under test. */
const sesameConfig = () =>
  config({
    adapter: sesameAdapter,
    providers: [OIDC({ id: "basic", name: "Basic", issuer: op.issuer, clientId: "basic", clientSecret: CLIENT_SECRET, allowInsecureRequests: true })],
  });

interface SessionBody {
  user?: { id?: string; email?: string | null; name?: string | null };
}

test.each(SWITCHES)("an Auth.js app's database with live sessions, switched to Sesame $way: every user still signed in, as the same user", async ({ adapter }) => {
  sesameAdapter = PostgresAdapter(pool); // for the browsers' set-up only: Auth.js answers them
  const logins = ["ana", "ben", "cho"].map((name) => `${name}-${crypto.randomUUID().slice(0, 6)}`);
  const before = [];
  for (const login of logins) {
    const browser = new AuthJsBrowser(sesameConfig());
    await browser.signInWith("basic", { login });
    const session = (await browser.fetch("/api/auth/session").then((r) => r.json())) as SessionBody;
    expect(session.user).toBeDefined();
    expect(browser.jar.get("authjs.session-token")).toMatch(/^[0-9a-f-]{36}$/);
    const { rows } = await pool.query<{ userId: number }>('SELECT "userId" FROM accounts WHERE "providerAccountId" = $1', [login]);
    expect(rows).toHaveLength(1);
    before.push({ login, browser, userId: String(rows[0]!.userId) });
  }
  expect((await pool.query("SELECT id FROM users")).rows).toHaveLength(3);
  expect((await pool.query("SELECT id FROM sessions")).rows).toHaveLength(3);

  // The switch: the same browsers, their Auth.js cookies, now answered by Sesame.
  sesameAdapter = await adapter();
  for (const { browser, userId } of before) {
    const switched = new OAuthBrowser(sesameConfig());
    for (const [name, value] of browser.jar) switched.jar.set(name, value);
    expect(((await switched.session()) as SessionBody).user?.id).toBe(userId);
    // Moved to a Sesame session: the Auth.js cookie is gone, and so is its plain token from the database.
    expect(switched.jar.has("authjs.session-token")).toBe(false);
    expect(sessionCookie(switched)).toMatch(/^[\w-]{22}\.[\w-]{44}$/);
    expect(((await switched.session()) as SessionBody).user?.id).toBe(userId);
  }
  // No plain token is left in the table: each row is Sesame's (its id and secret's hash, or its id beside
  // the hash in `sesame_secret_hash`).
  const { rows: sessions } = await pool.query<{ sessionToken: string }>('SELECT "sessionToken" FROM sessions');
  expect(sessions).toHaveLength(3);
  for (const { sessionToken } of sessions) expect(sessionToken).toMatch(/^[\w-]{22}(\.[\w-]{43})?$/);
  for (const { browser } of before) expect(sessions.map((s) => s.sessionToken)).not.toContain(browser.jar.get("authjs.session-token"));

  // Signing in again finds the account Auth.js linked: no second user.
  const again = new OAuthBrowser(sesameConfig());
  await again.signInWith("basic", { login: before[0]!.login });
  expect(((await again.session()) as SessionBody).user?.id).toBe(before[0]!.userId);
  expect((await pool.query("SELECT id FROM users")).rows).toHaveLength(3);
});
