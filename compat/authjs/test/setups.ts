/**
 * Auth.js's own adapters on the real databases of this machine, each over the schema its documentation
 * gives (tables, column names, time types), in a fresh schema, database file or key prefix per run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { KyselyAdapter, type Database as KyselyAuthDatabase } from "@auth/kysely-adapter";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import PostgresAdapter from "@auth/pg-adapter";
import { UnstorageAdapter } from "@auth/unstorage-adapter";
import * as nextAuth4Sequelize from "@next-auth/sequelize-adapter";
import Database from "better-sqlite3";
import { drizzle as drizzleMysql } from "drizzle-orm/mysql2";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from "kysely";
import mysql from "mysql2";
import mysqlPromise from "mysql2/promise";
import pg from "pg";
import { Sequelize } from "sequelize";
import { createStorage } from "unstorage";
import redisDriver from "unstorage/drivers/redis";
import type { Adapter as AuthCoreAdapter } from "@auth/core/adapters";
import type { Adapter as NextAuth4Adapter } from "next-auth/adapters";
import type { AuthjsAdapter } from "../../../packages/sesame/src/core/authjs-adapter.js";
import type { SesameConfig } from "../../../packages/sesame/src/index.js";
import { OIDC } from "../../../packages/sesame/src/providers/oauth.js";
import { CLIENT_SECRET } from "../../../packages/sesame/test/support/op.js";
import { prismaClient, prismaDdl } from "./prisma.js";
import { POSTGRES_URL } from "../../../packages/sesame/test/support/databases.js";

export const MARIADB_URL = process.env.SESAME_TEST_MARIADB_URL ?? "mysql://root@127.0.0.1:3306/test";
export const REDIS_URL = process.env.SESAME_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export interface AuthjsSetup {
  /** The adapter exactly as its package makes it. */
  adapter: AuthjsAdapter;
  close(): Promise<void>;
}

export interface AuthjsCase {
  name: string;
  /** Whether the schema has a unique key on (provider, providerAccountId), which racing first sign-ins need. */
  uniqueAccounts: boolean;
  /** Whether `createUser` keeps an id it is given (most Auth.js adapters make their own). */
  keepsGivenIds?: boolean;
  open(): Promise<AuthjsSetup>;
}

const suffix = () => crypto.randomUUID().replaceAll("-", "").slice(0, 16);

/** Runs `statements` in a fresh PostgreSQL schema; returns a pool whose connections use it. */
export async function postgresSchema(statements: string): Promise<{ pool: pg.Pool; drop(): Promise<void> }> {
  const schema = `authjs_${suffix()}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}; ${statements}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}`, max: 10 });
  return {
    pool,
    async drop() {
      await pool.end();
      const cleanup = new pg.Client({ connectionString: POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}

export function sqliteFile(statements: string): { db: Database.Database; path: string; drop(): void } {
  const dir = mkdtempSync(join(tmpdir(), "authjs-sqlite-"));
  const path = join(dir, "auth.db");
  const db = new Database(path);
  db.pragma("foreign_keys = ON");
  db.exec(statements);
  return {
    db,
    path,
    drop() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh MariaDB database with `statements` run in it. */
export async function mariadbDatabase(statements: string[]): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `authjs_${suffix()}`;
  const admin = await mysqlPromise.createConnection(MARIADB_URL);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.query(`USE ${name}`);
  for (const statement of statements) await admin.query(statement);
  await admin.end();
  const url = MARIADB_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    async drop() {
      const cleanup = await mysqlPromise.createConnection(MARIADB_URL);
      await cleanup.query(`DROP DATABASE ${name}`);
      await cleanup.end();
    },
  };
}

/** @auth/pg-adapter's schema, from its documentation: integer ids, `timestamptz`, no unique key on accounts. */
export const PG_ADAPTER_SCHEMA = `
  CREATE TABLE verification_token (identifier TEXT NOT NULL, expires TIMESTAMPTZ NOT NULL, token TEXT NOT NULL, PRIMARY KEY (identifier, token));
  CREATE TABLE accounts (id SERIAL, "userId" INTEGER NOT NULL, type VARCHAR(255) NOT NULL, provider VARCHAR(255) NOT NULL,
    "providerAccountId" VARCHAR(255) NOT NULL, refresh_token TEXT, access_token TEXT, expires_at BIGINT, id_token TEXT, scope TEXT,
    session_state TEXT, token_type TEXT, PRIMARY KEY (id));
  CREATE TABLE sessions (id SERIAL, "userId" INTEGER NOT NULL, expires TIMESTAMPTZ NOT NULL, "sessionToken" VARCHAR(255) NOT NULL, PRIMARY KEY (id));
  CREATE TABLE users (id SERIAL, name VARCHAR(255), email VARCHAR(255), "emailVerified" TIMESTAMPTZ, image TEXT, PRIMARY KEY (id));`;

/** @auth/kysely-adapter's schema, from its documentation (PostgreSQL; SQLite and MySQL below). */
export const KYSELY_POSTGRES_SCHEMA = `
  CREATE TABLE "User" (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text, email text UNIQUE NOT NULL, "emailVerified" timestamptz, image text);
  CREATE TABLE "Account" (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), "userId" uuid NOT NULL REFERENCES "User"(id) ON DELETE CASCADE,
    type text NOT NULL, provider text NOT NULL, "providerAccountId" text NOT NULL, refresh_token text, access_token text, expires_at bigint,
    token_type text, scope text, id_token text, session_state text);
  CREATE UNIQUE INDEX "Account_provider_providerAccountId" ON "Account"(provider, "providerAccountId");
  CREATE TABLE "Session" (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), "userId" uuid NOT NULL REFERENCES "User"(id) ON DELETE CASCADE,
    "sessionToken" text UNIQUE NOT NULL, expires timestamptz NOT NULL);
  CREATE TABLE "VerificationToken" (identifier text NOT NULL, token text UNIQUE NOT NULL, expires timestamptz NOT NULL);`;

export const KYSELY_SQLITE_SCHEMA = `
  CREATE TABLE "User" (id text PRIMARY KEY, name text, email text UNIQUE NOT NULL, "emailVerified" text, image text);
  CREATE TABLE "Account" (id text PRIMARY KEY, "userId" text NOT NULL REFERENCES "User"(id) ON DELETE CASCADE,
    type text NOT NULL, provider text NOT NULL, "providerAccountId" text NOT NULL, refresh_token text, access_token text, expires_at integer,
    token_type text, scope text, id_token text, session_state text);
  CREATE UNIQUE INDEX "Account_provider_providerAccountId" ON "Account"(provider, "providerAccountId");
  CREATE TABLE "Session" (id text PRIMARY KEY, "userId" text NOT NULL REFERENCES "User"(id) ON DELETE CASCADE,
    "sessionToken" text UNIQUE NOT NULL, expires text NOT NULL);
  CREATE TABLE "VerificationToken" (identifier text NOT NULL, token text UNIQUE NOT NULL, expires text NOT NULL);`;

export const KYSELY_MYSQL_SCHEMA = [
  "CREATE TABLE User (id varchar(36) PRIMARY KEY DEFAULT (UUID()), name varchar(255), email varchar(255) UNIQUE NOT NULL, emailVerified timestamp(3) NULL, image varchar(255))",
  `CREATE TABLE Account (id varchar(36) PRIMARY KEY DEFAULT (UUID()), userId varchar(36) NOT NULL, type varchar(255) NOT NULL, provider varchar(255) NOT NULL,
    providerAccountId varchar(255) NOT NULL, refresh_token varchar(255), access_token text, expires_at bigint, token_type varchar(255), scope varchar(2048),
    id_token text, session_state varchar(255), UNIQUE KEY Account_provider (provider, providerAccountId), FOREIGN KEY (userId) REFERENCES User(id) ON DELETE CASCADE)`,
  `CREATE TABLE Session (id varchar(36) PRIMARY KEY DEFAULT (UUID()), userId varchar(36) NOT NULL, sessionToken varchar(255) UNIQUE NOT NULL,
    expires timestamp(3) NOT NULL, FOREIGN KEY (userId) REFERENCES User(id) ON DELETE CASCADE)`,
  "CREATE TABLE VerificationToken (identifier varchar(255) NOT NULL, token varchar(255) UNIQUE NOT NULL, expires timestamp(3) NOT NULL)",
];

/**
 * @auth/drizzle-adapter's default tables (its lib/*.ts), as drizzle-kit would create them; times are
 * `timestamp` on PostgreSQL and integer milliseconds on SQLite.
 */
export const drizzleSchema = (time: "timestamp" | "integer") => `
  CREATE TABLE "user" (id text PRIMARY KEY, name text, email text UNIQUE, "emailVerified" ${time}, image text);
  CREATE TABLE account ("userId" text NOT NULL REFERENCES "user"(id) ON DELETE CASCADE, type text NOT NULL, provider text NOT NULL,
    "providerAccountId" text NOT NULL, refresh_token text, access_token text, expires_at integer, token_type text, scope text, id_token text,
    session_state text, PRIMARY KEY (provider, "providerAccountId"));
  CREATE TABLE session ("sessionToken" text PRIMARY KEY, "userId" text NOT NULL REFERENCES "user"(id) ON DELETE CASCADE, expires ${time} NOT NULL);
  CREATE TABLE "verificationToken" (identifier text NOT NULL, token text NOT NULL, expires ${time} NOT NULL, PRIMARY KEY (identifier, token));`;

export const DRIZZLE_MYSQL_SCHEMA = [
  "CREATE TABLE user (id varchar(255) PRIMARY KEY, name varchar(255), email varchar(255) UNIQUE, emailVerified timestamp(3) NULL, image varchar(255))",
  `CREATE TABLE account (userId varchar(255) NOT NULL, type varchar(255) NOT NULL, provider varchar(255) NOT NULL, providerAccountId varchar(255) NOT NULL,
    refresh_token varchar(255), access_token varchar(255), expires_at int, token_type varchar(255), scope varchar(255), id_token varchar(2048),
    session_state varchar(255), PRIMARY KEY (provider, providerAccountId), FOREIGN KEY (userId) REFERENCES user(id) ON DELETE CASCADE)`,
  `CREATE TABLE session (sessionToken varchar(255) PRIMARY KEY, userId varchar(255) NOT NULL, expires timestamp(3) NOT NULL,
    FOREIGN KEY (userId) REFERENCES user(id) ON DELETE CASCADE)`,
  "CREATE TABLE verificationToken (identifier varchar(255) NOT NULL, token varchar(255) NOT NULL, expires timestamp(3) NOT NULL, PRIMARY KEY (identifier, token))",
];

export const AUTHJS_CASES: AuthjsCase[] = [
  {
    name: "@auth/pg-adapter on PostgreSQL",
    uniqueAccounts: false,
    async open() {
      const { pool, drop } = await postgresSchema(PG_ADAPTER_SCHEMA);
      return { adapter: PostgresAdapter(pool), close: drop };
    },
  },
  {
    name: "@auth/kysely-adapter on SQLite",
    uniqueAccounts: true,
    async open() {
      const { db, drop } = sqliteFile(KYSELY_SQLITE_SCHEMA);
      const kysely = new Kysely<KyselyAuthDatabase>({ dialect: new SqliteDialect({ database: db }) });
      return { adapter: KyselyAdapter(kysely), close: async () => drop() };
    },
  },
  {
    name: "@auth/kysely-adapter on PostgreSQL",
    uniqueAccounts: true,
    async open() {
      const { pool, drop } = await postgresSchema(KYSELY_POSTGRES_SCHEMA);
      const kysely = new Kysely<KyselyAuthDatabase>({ dialect: new PostgresDialect({ pool }) });
      return { adapter: KyselyAdapter(kysely), close: drop };
    },
  },
  {
    name: "@auth/kysely-adapter on MariaDB",
    uniqueAccounts: true,
    async open() {
      const { url, drop } = await mariadbDatabase(KYSELY_MYSQL_SCHEMA);
      const pool = mysql.createPool({ uri: url, connectionLimit: 10 });
      const kysely = new Kysely<KyselyAuthDatabase>({ dialect: new MysqlDialect({ pool }) });
      return { adapter: KyselyAdapter(kysely), close: async () => (await kysely.destroy(), await drop()) };
    },
  },
  {
    name: "@auth/drizzle-adapter on SQLite",
    uniqueAccounts: true,
    async open() {
      const { db, drop } = sqliteFile(drizzleSchema("integer"));
      return { adapter: DrizzleAdapter(drizzleSqlite({ client: db })), close: async () => drop() };
    },
  },
  {
    name: "@auth/drizzle-adapter on PostgreSQL",
    uniqueAccounts: true,
    async open() {
      const { pool, drop } = await postgresSchema(drizzleSchema("timestamp"));
      return { adapter: DrizzleAdapter(drizzlePostgres({ client: pool })), close: drop };
    },
  },
  {
    name: "@auth/drizzle-adapter on MariaDB",
    uniqueAccounts: true,
    async open() {
      const { url, drop } = await mariadbDatabase(DRIZZLE_MYSQL_SCHEMA);
      const pool = mysqlPromise.createPool({ uri: url, connectionLimit: 10 });
      return { adapter: DrizzleAdapter(drizzleMysql({ client: pool })), close: async () => (await pool.end(), await drop()) };
    },
  },
  {
    name: "@auth/prisma-adapter on PostgreSQL (Prisma 7, engine-free client)",
    uniqueAccounts: true,
    async open() {
      const { pool, drop } = await postgresSchema(prismaDdl("postgresql"));
      const schema = (await pool.query<{ schema: string }>("SELECT current_schema() AS schema")).rows[0]!.schema;
      const PrismaClient = prismaClient("postgresql");
      const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: POSTGRES_URL }, { schema }) });
      return { adapter: PrismaAdapter(prisma as Parameters<typeof PrismaAdapter>[0]), close: async () => (await prisma.$disconnect(), await drop()) };
    },
  },
  {
    name: "@auth/prisma-adapter on SQLite (Prisma 7, engine-free client)",
    uniqueAccounts: true,
    async open() {
      const { path, drop } = sqliteFile(prismaDdl("sqlite"));
      const PrismaClient = prismaClient("sqlite");
      const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${path}` }) });
      return { adapter: PrismaAdapter(prisma as Parameters<typeof PrismaAdapter>[0]), close: async () => (await prisma.$disconnect(), drop()) };
    },
  },
  {
    // next-auth 4's generation of adapters: its tables made by the adapter's own models (`sync()`).
    name: "@next-auth/sequelize-adapter (next-auth 4) on PostgreSQL",
    uniqueAccounts: false,
    keepsGivenIds: true,
    async open() {
      const { pool, drop } = await postgresSchema("");
      const schema = (await pool.query<{ schema: string }>("SELECT current_schema() AS schema")).rows[0]!.schema;
      const sequelize = new Sequelize(POSTGRES_URL, { logging: false, dialectOptions: { options: `-c search_path=${schema}` } });
      // The package is CommonJS with `exports.default`: under Node's ESM import that is `default.default`.
      const namespace = nextAuth4Sequelize.default as unknown as { default?: typeof nextAuth4Sequelize.default };
      const SequelizeAdapter = namespace.default ?? nextAuth4Sequelize.default;
      const adapter = SequelizeAdapter(sequelize);
      await sequelize.sync();
      return { adapter, close: async () => (await sequelize.close(), await drop()) };
    },
  },
  {
    name: "@auth/unstorage-adapter on Redis",
    // Key-value: a second link of the same account overwrites the first, nothing stops two first sign-ins.
    uniqueAccounts: false,
    async open() {
      const base = `authjs-${suffix()}`;
      const storage = createStorage({ driver: redisDriver({ url: REDIS_URL, base }) });
      return {
        adapter: UnstorageAdapter(storage),
        async close() {
          await storage.clear();
          await storage.dispose();
        },
      };
    },
  },
];


/**
 * Type-level: the adapter types of both generations are accepted as Sesame's `adapter` as they are (checked by
 * `npm run typecheck`, which compiles this file).
 */
export const adapterTypesAccepted = (v4: NextAuth4Adapter, v5: AuthCoreAdapter): Array<SesameConfig["adapter"]> => [v4, v5];

/** The test OpenID Provider's client that hands out refresh tokens and rotates them on every use. */
export const rotatingProvider = (issuer: string) =>
  OIDC({
    id: "rotating",
    issuer,
    clientId: "rotating",
    clientSecret: CLIENT_SECRET,
    allowInsecureRequests: true,
    authorization: { params: { scope: "openid email profile offline_access", prompt: "consent" } },
  });
