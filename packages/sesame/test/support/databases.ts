/**
 * Real databases for the tests: a fresh SQLite file, a fresh schema in the PostgreSQL at 127.0.0.1:5432
 * (database `test`), or a fresh database in the MariaDB at 127.0.0.1:3306. A server that is not there fails
 * the tests loudly; nothing is skipped.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql, type Kysely, type RawBuilder } from "kysely";
import pg from "pg";
import { mysql } from "../../src/adapters/mysql.node.js";
import { postgres } from "../../src/adapters/postgres.node.js";
import { migrate, type SesameDatabase } from "../../src/adapters/sql.js";
import { sqlite } from "../../src/adapters/sqlite.node.js";

export const POSTGRES_URL = process.env.SESAME_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const MARIADB_URL = process.env.SESAME_TEST_MARIADB_URL ?? "mysql://root@127.0.0.1:3306/test";

/** The tables a migrated database has, by name: Sesame's and its migrator's. */
export const MIGRATED_TABLES = [
  "sesame_account_tokens",
  "sesame_accounts",
  "sesame_factors",
  "sesame_migrations",
  "sesame_migrations_lock",
  "sesame_passwords",
  "sesame_rate_limits",
  "sesame_sessions",
  "sesame_token_refreshes",
  "sesame_upstream_tokens",
  "sesame_users",
  "sesame_verification_tokens",
];

export interface TestDatabase {
  db: Kysely<SesameDatabase>;
  /** Closes the connection and deletes what the test created. */
  drop(): Promise<void>;
}

export async function sqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "sesame-sqlite-"));
  const db = sqlite(join(dir, "auth.db"));
  await migrate(db);
  return {
    db,
    async drop() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresDatabase(): Promise<TestDatabase> {
  const schema = `sesame_test_${crypto.randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  try {
    await admin.connect();
  } catch (cause) {
    throw new Error(`PostgreSQL is not reachable at ${POSTGRES_URL}; start it (see .ci/run).`, { cause });
  }
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = postgres({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}`, max: 10 });
  await migrate(db, { schema });
  return {
    db,
    async drop() {
      await db.destroy();
      const cleanup = new pg.Client({ connectionString: POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}

/**
 * A fresh database in the MariaDB server, with its own name: test files running in parallel never meet.
 * Migrated unless `migrated` is false.
 */
export async function mariadbDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const name = `sesame_test_${crypto.randomUUID().replaceAll("-", "")}`;
  await mariadbAdmin(sql`CREATE DATABASE ${sql.id(name)}`);
  const url = new URL(MARIADB_URL);
  url.pathname = `/${name}`;
  const db = mysql({ uri: url.href, connectionLimit: 10 });
  if (migrated) await migrate(db);
  return {
    db,
    async drop() {
      await db.destroy();
      await mariadbAdmin(sql`DROP DATABASE ${sql.id(name)}`);
    },
  };
}

/** Runs one statement on the MariaDB server outside any test database; its rows. */
export async function mariadbAdmin<Row>(statement: RawBuilder<Row>): Promise<Row[]> {
  const admin = mysql({ uri: MARIADB_URL, connectionLimit: 1 });
  try {
    return (await statement.execute(admin)).rows;
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ECONNREFUSED") throw error;
    throw new Error(`MariaDB is not reachable at ${MARIADB_URL}; start it (start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd).`, { cause: error });
  } finally {
    await admin.destroy();
  }
}

/** The database servers, which several app processes share (a SQLite file is one process's): each opened fresh. */
export const sqlServers: Array<[name: string, open: () => Promise<TestDatabase>]> = [
  ["PostgreSQL", postgresDatabase],
  ["MariaDB", mariadbDatabase],
];

/** Every SQL database `SqlAdapter` and the SQL stores run on, each opened fresh: their tests run once per entry. */
export const sqlDatabases: Array<[name: string, open: () => Promise<TestDatabase>]> = [["SQLite", sqliteDatabase], ...sqlServers];
