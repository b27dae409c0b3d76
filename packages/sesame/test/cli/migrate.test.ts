/** The `sesame-auth` command, run as a user runs it: `sesame-auth migrate` against SQLite, PostgreSQL and MariaDB. */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { expect, test } from "vitest";
import { MARIADB_URL, MIGRATED_TABLES, mariadbAdmin, POSTGRES_URL } from "../support/databases.js";

const run = promisify(execFile);
const bin = fileURLToPath(new URL("../../bin/sesame.js", import.meta.url));
const sesame = (...args: string[]) => run(process.execPath, [bin, ...args]);

const APPLIED = "Applied: 0001_initial, 0002_rate_limits, 0003_token_refreshes, 0004_upstream_tokens, 0005_password_accounts, 0006_factors\n";

test("sesame-auth migrate on a SQLite file applies the migrations once", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "sesame-cli-")), "auth.db");
  expect((await sesame("migrate", "--database", `sqlite:${file}`)).stdout).toBe(APPLIED);
  expect((await sesame("migrate", "--database", `sqlite:${file}`)).stdout).toBe("The database is up to date.\n");
});

test("sesame-auth migrate on PostgreSQL, twice at the same time: applied once, both succeed", async () => {
  const schema = `sesame_cli_${crypto.randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    const url = `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const migrateOnce = () => sesame("migrate", "--database", url, "--schema", schema);
    const outputs = (await Promise.all([migrateOnce(), migrateOnce()])).map((r) => r.stdout).sort();
    expect(outputs).toEqual([APPLIED, "The database is up to date.\n"]);
    const tables = await admin.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema]);
    expect(tables.rows.map((r: { table_name: string }) => r.table_name).sort()).toEqual(MIGRATED_TABLES);
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
});

test("sesame-auth migrate on MariaDB, twice at the same time (a mysql:// and a mariadb:// URL): applied once, both succeed", async () => {
  const database = `sesame_cli_${crypto.randomUUID().replaceAll("-", "")}`;
  await mariadbAdmin(sql`CREATE DATABASE ${sql.id(database)}`);
  try {
    const migrateAt = (protocol: string) => {
      const url = new URL(MARIADB_URL);
      url.protocol = protocol;
      url.pathname = `/${database}`;
      return sesame("migrate", "--database", url.href);
    };
    const outputs = (await Promise.all([migrateAt("mysql:"), migrateAt("mariadb:")])).map((r) => r.stdout).sort();
    expect(outputs).toEqual([APPLIED, "The database is up to date.\n"]);
    const tables = await mariadbAdmin(sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ${database} ORDER BY 1`);
    expect(tables.map((r) => r.name).sort()).toEqual(MIGRATED_TABLES);
  } finally {
    await mariadbAdmin(sql`DROP DATABASE ${sql.id(database)}`);
  }
});

test("sesame-auth migrate --adopt-authjs on an Auth.js app's PostgreSQL: its tables kept, its rows untouched, only Sesame's additions, once", async () => {
  const schema = `sesame_cli_${crypto.randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  // @auth/pg-adapter's documented tables, with a user and a live session in them.
  await admin.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema};
    CREATE TABLE users (id SERIAL, name VARCHAR(255), email VARCHAR(255), "emailVerified" TIMESTAMPTZ, image TEXT, PRIMARY KEY (id));
    CREATE TABLE accounts (id SERIAL, "userId" INTEGER NOT NULL, type VARCHAR(255) NOT NULL, provider VARCHAR(255) NOT NULL, "providerAccountId" VARCHAR(255) NOT NULL,
      refresh_token TEXT, access_token TEXT, expires_at BIGINT, id_token TEXT, scope TEXT, session_state TEXT, token_type TEXT, PRIMARY KEY (id));
    CREATE TABLE sessions (id SERIAL, "userId" INTEGER NOT NULL, expires TIMESTAMPTZ NOT NULL, "sessionToken" VARCHAR(255) NOT NULL, PRIMARY KEY (id));
    CREATE TABLE verification_token (identifier TEXT NOT NULL, expires TIMESTAMPTZ NOT NULL, token TEXT NOT NULL, PRIMARY KEY (identifier, token));
    INSERT INTO users (name, email) VALUES ('Ann', 'ann@example.com');
    INSERT INTO sessions ("userId", expires, "sessionToken") VALUES (1, now() + interval '1 day', 'a0c1b7e2-3f4d-4e5a-9b6c-7d8e9f0a1b2c');`);
  const rows = async () => (await admin.query(`SELECT * FROM ${schema}.sessions s JOIN ${schema}.users u ON u.id = s."userId"`)).rows;
  try {
    const before = await rows();
    const url = `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const adopt = () => sesame("migrate", "--database", url, "--schema", schema, "--adopt-authjs", "pg-adapter");
    expect((await adopt()).stdout).toBe("Applied: 0001_session_columns, 0002_rate_limits, 0002_unique_keys, 0003_token_refreshes, 0004_upstream_tokens\n");
    expect((await adopt()).stdout).toBe("The database is up to date.\n");
    const tables = await admin.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema]);
    expect(tables.rows.map((r: { table_name: string }) => r.table_name)).toEqual([
      "accounts",
      "sesame_authjs_migrations",
      "sesame_authjs_migrations_lock",
      "sesame_rate_limits",
      "sesame_token_refreshes",
      "sesame_upstream_tokens",
      "sessions",
      "users",
      "verification_token",
    ]);
    // The existing rows as they were, with the new columns empty beside them.
    const after = await rows();
    expect(after).toEqual(before.map((row) => ({ ...row, sesame_secret_hash: null, sesame_created_at: null, sesame_last_seen_at: null, sesame_ip: null, sesame_user_agent: null, sesame_data: null })));
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
});

test("sesame-auth migrate --adopt-authjs: an unknown preset, or a database without Auth.js's tables, is a clear error", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "sesame-cli-")), "auth.db");
  await expect(sesame("migrate", "--database", `sqlite:${file}`, "--adopt-authjs", "mongodb")).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("pg-adapter, kysely, drizzle, prisma") });
  await expect(sesame("migrate", "--database", `sqlite:${file}`, "--adopt-authjs", "drizzle")).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('No table "session"') });
});

test("an unsupported URL is a clear error and exit code 1", async () => {
  await expect(sesame("migrate", "--database", "mongodb://x")).rejects.toMatchObject({
    code: 1,
    stderr: 'sesame-auth migrate: Unsupported database URL "mongodb://x": use postgres://…, mysql://… (or mariadb://…) or sqlite:./path.db\n',
  });
});
