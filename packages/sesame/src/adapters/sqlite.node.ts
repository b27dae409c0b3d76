/**
 * `sesame/adapters/sqlite`: an embedded SQLite database file (better-sqlite3) ready for the SQL adapter —
 * write-ahead logging so readers do not wait for writers, foreign keys on, and a busy time-out instead of
 * immediate "database is locked" errors.
 *
 * @example
 * ```ts
 * import { sqlite } from "sesame/adapters/sqlite";
 * import { SqlAdapter, migrate } from "sesame/adapters/sql";
 *
 * const db = sqlite("./data/auth.db");
 * await migrate(db);
 * export const config = { adapter: SqlAdapter(db), providers: [...] };
 * ```
 */
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { SesameDatabase } from "./sql/schema.js";

export function sqlite(filename: string, options: { busyTimeoutMs?: number } = {}): Kysely<SesameDatabase> {
  const database = new Database(filename);
  database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  database.pragma(`busy_timeout = ${Math.floor(options.busyTimeoutMs ?? 5_000)}`);
  return new Kysely<SesameDatabase>({ dialect: new SqliteDialect({ database }) });
}
