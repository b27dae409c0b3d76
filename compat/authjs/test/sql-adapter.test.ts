/**
 * Sesame's own SqlAdapter over the tables an Auth.js adapter created (`SqlAdapter(db, { authjs })`, after
 * `adoptAuthjs`): the adapter conformance suite on each schema and database, and the switch itself, with
 * the rows written by the real Auth.js adapter beside it: its sessions stay signed in, its users and
 * accounts are found, and nothing is duplicated or rewritten.
 */
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { KyselyAdapter, type Database as KyselyAuthDatabase } from "@auth/kysely-adapter";
import PostgresAdapter from "@auth/pg-adapter";
import { drizzle as drizzleMysql } from "drizzle-orm/mysql2";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from "kysely";
import mysql from "mysql2";
import mysqlPromise from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { adoptAuthjs, SqlAdapter, type AuthjsSchemaName, type SesameDatabase } from "../../../packages/sesame/src/adapters/sql.js";
import type { AuthjsAdapter } from "../../../packages/sesame/src/core/authjs-adapter.js";
import { getAccessToken } from "../../../packages/sesame/src/index.js";
import { OIDC } from "../../../packages/sesame/src/providers/oauth.js";
import { adapterConformance } from "../../../packages/sesame/test/adapters/conformance.js";
import { Browser, config, sessionCookie } from "../../../packages/sesame/test/support/helpers.js";
import { OAuthBrowser } from "../../../packages/sesame/test/support/oauth-browser.js";
import { CLIENT_SECRET, startOP, type TestOP } from "../../../packages/sesame/test/support/op.js";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { POSTGRES_URL } from "../../../packages/sesame/test/support/databases.js";
import { prismaClient, prismaDdl } from "./prisma.js";
import {
  DRIZZLE_MYSQL_SCHEMA,
  drizzleSchema,
  KYSELY_MYSQL_SCHEMA,
  KYSELY_POSTGRES_SCHEMA,
  KYSELY_SQLITE_SCHEMA,
  mariadbDatabase,
  PG_ADAPTER_SCHEMA,
  postgresSchema,
  rotatingProvider,
  sqliteFile,
} from "./setups.js";

/** An Auth.js database: Sesame's Kysely over it, and the Auth.js adapter that made it, on the same connection. */
interface AuthjsDatabase {
  db: Kysely<SesameDatabase>;
  authjs: AuthjsAdapter;
  close(): Promise<void>;
}

interface SqlCase {
  name: string;
  preset: AuthjsSchemaName;
  /** On MySQL/MariaDB the Auth.js tables have the server's collation: text matches across case. */
  exactText?: boolean;
  open(): Promise<AuthjsDatabase>;
}

const asKyselyAuth = (db: Kysely<SesameDatabase>) => db as unknown as Kysely<KyselyAuthDatabase>;

const CASES: SqlCase[] = [
  {
    name: "@auth/pg-adapter's schema on PostgreSQL",
    preset: "pg-adapter",
    async open() {
      const { pool, drop } = await postgresSchema(PG_ADAPTER_SCHEMA);
      return { db: new Kysely<SesameDatabase>({ dialect: new PostgresDialect({ pool }) }), authjs: PostgresAdapter(pool), close: drop };
    },
  },
  {
    name: "@auth/kysely-adapter's schema on SQLite",
    preset: "kysely",
    async open() {
      const { db: file, drop } = sqliteFile(KYSELY_SQLITE_SCHEMA);
      const db = new Kysely<SesameDatabase>({ dialect: new SqliteDialect({ database: file }) });
      return { db, authjs: KyselyAdapter(asKyselyAuth(db)), close: async () => drop() };
    },
  },
  {
    name: "@auth/kysely-adapter's schema on PostgreSQL",
    preset: "kysely",
    async open() {
      const { pool, drop } = await postgresSchema(KYSELY_POSTGRES_SCHEMA);
      const db = new Kysely<SesameDatabase>({ dialect: new PostgresDialect({ pool }) });
      return { db, authjs: KyselyAdapter(asKyselyAuth(db)), close: drop };
    },
  },
  {
    name: "@auth/kysely-adapter's schema on MariaDB",
    preset: "kysely",
    exactText: false,
    async open() {
      const { url, drop } = await mariadbDatabase(KYSELY_MYSQL_SCHEMA);
      const db = new Kysely<SesameDatabase>({ dialect: new MysqlDialect({ pool: mysql.createPool({ uri: url, connectionLimit: 10 }) }) });
      return { db, authjs: KyselyAdapter(asKyselyAuth(db)), close: async () => (await db.destroy(), await drop()) };
    },
  },
  {
    name: "@auth/drizzle-adapter's schema on SQLite",
    preset: "drizzle",
    async open() {
      const { db: file, drop } = sqliteFile(drizzleSchema("integer"));
      const db = new Kysely<SesameDatabase>({ dialect: new SqliteDialect({ database: file }) });
      return { db, authjs: DrizzleAdapter(drizzleSqlite({ client: file })), close: async () => drop() };
    },
  },
  {
    name: "@auth/drizzle-adapter's schema on PostgreSQL",
    preset: "drizzle",
    async open() {
      const { pool, drop } = await postgresSchema(drizzleSchema("timestamp"));
      const db = new Kysely<SesameDatabase>({ dialect: new PostgresDialect({ pool }) });
      return { db, authjs: DrizzleAdapter(drizzlePostgres({ client: pool })), close: drop };
    },
  },
  {
    name: "@auth/drizzle-adapter's schema on MariaDB",
    preset: "drizzle",
    exactText: false,
    async open() {
      const { url, drop } = await mariadbDatabase(DRIZZLE_MYSQL_SCHEMA);
      const db = new Kysely<SesameDatabase>({ dialect: new MysqlDialect({ pool: mysql.createPool({ uri: url, connectionLimit: 10 }) }) });
      const driver = mysqlPromise.createPool({ uri: url, connectionLimit: 5 });
      return { db, authjs: DrizzleAdapter(drizzleMysql({ client: driver })), close: async () => (await db.destroy(), await driver.end(), await drop()) };
    },
  },
  {
    name: "@auth/prisma-adapter's schema on PostgreSQL",
    preset: "prisma",
    async open() {
      const { pool, drop } = await postgresSchema(prismaDdl("postgresql"));
      const schema = (await pool.query<{ schema: string }>("SELECT current_schema() AS schema")).rows[0]!.schema;
      const prisma = new (prismaClient("postgresql"))({ adapter: new PrismaPg({ connectionString: POSTGRES_URL }, { schema }) });
      const db = new Kysely<SesameDatabase>({ dialect: new PostgresDialect({ pool }) });
      return { db, authjs: PrismaAdapter(prisma as Parameters<typeof PrismaAdapter>[0]), close: async () => (await prisma.$disconnect(), await drop()) };
    },
  },
  {
    name: "@auth/prisma-adapter's schema on SQLite",
    preset: "prisma",
    async open() {
      const { db: file, path, drop } = sqliteFile(prismaDdl("sqlite"));
      const prisma = new (prismaClient("sqlite"))({ adapter: new PrismaBetterSqlite3({ url: `file:${path}` }) });
      const db = new Kysely<SesameDatabase>({ dialect: new SqliteDialect({ database: file }) });
      return { db, authjs: PrismaAdapter(prisma as Parameters<typeof PrismaAdapter>[0]), close: async () => (await prisma.$disconnect(), drop()) };
    },
  },
];

for (const { name, preset, open, exactText = true } of CASES) {
  adapterConformance(
    `SqlAdapter over ${name}`,
    async () => {
      const { db, close } = await open();
      await adoptAuthjs(db, preset);
      return { adapter: SqlAdapter(db, { authjs: preset }), close };
    },
    {
      givenIds: preset === "pg-adapter" ? "refused" : "kept",
      emailRequired: preset === "kysely" || preset === "prisma",
      exactText,
      textIds: preset === "drizzle" || preset === "prisma",
      passwordAccounts: false,
    },
  );
}

let op: TestOP;
beforeAll(async () => {
  op = await startOP();
});
afterAll(() => op.close());

interface SessionBody {
  user?: { id?: string; email?: string | null };
}

describe.each(CASES)("switching $name from Auth.js to SqlAdapter", ({ preset, open }) => {
  let database: AuthjsDatabase;
  beforeAll(async () => {
    database = await open();
  }, 30_000);
  afterAll(() => database.close());

  const sesame = () =>
    config({
      adapter: SqlAdapter(database.db, { authjs: preset }),
      providers: [OIDC({ id: "basic", name: "Basic", issuer: op.issuer, clientId: "basic", clientSecret: CLIENT_SECRET, allowInsecureRequests: true })],
    });

  test("Auth.js's users, accounts and live sessions carry over; adopting rewrites nothing and Auth.js keeps working meanwhile", async () => {
    const { authjs, db } = database;
    // What the Auth.js app left: a user with a linked account and a live database session.
    const login = `dee-${crypto.randomUUID().slice(0, 8)}`;
    const created = await authjs.createUser!({ id: crypto.randomUUID(), name: "Dee", email: `${login}@example.com`, emailVerified: new Date("2026-01-02T03:04:05.000Z"), image: null });
    const userId = String(created.id);
    await authjs.linkAccount!({ userId, type: "oidc", provider: "basic", providerAccountId: login, access_token: "at", token_type: "bearer" });
    const token = crypto.randomUUID();
    await authjs.createSession!({ sessionToken: token, userId, expires: new Date(Date.now() + 7 * 86_400_000) });

    await adoptAuthjs(db, preset);
    await adoptAuthjs(db, preset); // again, at the next start: nothing more to do
    // Auth.js still reads its rows on the adopted database (the app may switch later).
    const stillAuthjs = await authjs.getSessionAndUser!(token);
    expect(String(stillAuthjs?.user.id)).toBe(userId);
    expect(stillAuthjs?.user.emailVerified).toEqual(new Date("2026-01-02T03:04:05.000Z"));

    // The switch: the browser's Auth.js cookie, answered by Sesame.
    const browser = new Browser(sesame());
    browser.jar.set("authjs.session-token", token);
    const session = (await browser.session()) as SessionBody;
    expect(session.user).toMatchObject({ id: userId, email: `${login}@example.com` });
    expect(browser.jar.has("authjs.session-token")).toBe(false);
    const [id] = sessionCookie(browser)!.split(".") as [string];
    expect(await authjs.getSessionAndUser!(token)).toBeNull();
    // Sesame's row keeps its id in `sessionToken`, never the cookie's secret.
    expect(String((await authjs.getSessionAndUser!(id))?.user.id)).toBe(userId);
    expect(await authjs.getSessionAndUser!(sessionCookie(browser)!)).toBeNull();
    expect(((await browser.session()) as SessionBody).user?.id).toBe(userId);
    // What a leaked table shows of Sesame's row (its id in `sessionToken`) is no cookie, under either name.
    for (const name of ["authjs.session-token", "sesame.session-token"]) {
      const leaked = new Browser(sesame());
      leaked.jar.set(name, id);
      expect(await leaked.session()).toBeNull();
    }

    // Signing in with the account Auth.js linked is the same user; no second one is made.
    const again = new OAuthBrowser(sesame());
    await again.signInWith("basic", { login });
    expect(((await again.session()) as SessionBody).user?.id).toBe(userId);
    expect(String((await authjs.getUserByEmail!(`${login}@example.com`))?.id)).toBe(userId);
    const adapter = SqlAdapter(database.db, { authjs: preset });
    expect((await adapter.listSessions(userId)).length).toBe(2);
  });

  test("a refresh of the provider's tokens is written into the account row, where Auth.js apps read them", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date());
      const login = `ray-${crypto.randomUUID().slice(0, 8)}`;
      const adapter = SqlAdapter(database.db, { authjs: preset });
      const rotating = rotatingProvider(op.issuer);
      const appConfig = config({ adapter, providers: [rotating], logger: { warn: () => {} } });
      const browser = new OAuthBrowser(appConfig);
      await browser.signInWith("rotating", { login });
      const before = await adapter.getAccount!({ provider: "rotating", providerAccountId: login });
      expect(before?.refresh_token).toEqual(expect.any(String));
      vi.setSystemTime(Date.now() + 6 * 60_000); // past the provider's 5-minute access tokens
      const { accessToken } = await getAccessToken(browser.request("/"), appConfig);
      const after = await adapter.getAccount!({ provider: "rotating", providerAccountId: login });
      expect(after?.access_token).toBe(accessToken);
      expect(after?.access_token).not.toBe(before?.access_token);
      expect(after?.refresh_token).not.toBe(before?.refresh_token);
      expect(after?.expires_at).toBeGreaterThan(before?.expires_at ?? Infinity);
    } finally {
      vi.useRealTimers();
    }
  });

  test("a new user signing in after the switch is readable by Auth.js's adapter too (same tables, same formats)", async () => {
    const login = `eli-${crypto.randomUUID().slice(0, 8)}`;
    const browser = new OAuthBrowser(sesame());
    await browser.signInWith("basic", { login });
    const { user } = (await browser.session()) as SessionBody;
    const seenByAuthjs = await database.authjs.getUserByAccount!({ provider: "basic", providerAccountId: login });
    expect(seenByAuthjs).toMatchObject({ email: `${login}@example.com` });
    expect(String(seenByAuthjs?.id)).toBe(user?.id);
    expect(seenByAuthjs?.emailVerified).toBeInstanceOf(Date);
  });
});
