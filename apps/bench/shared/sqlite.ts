/**
 * The SQLite database the database-session apps share a recipe for: one better-sqlite3 file in WAL mode behind
 * Kysely, with every statement counted. Sesame and better-auth get the same driver and settings, so the
 * comparison is between the libraries, not their storage.
 */
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { countQuery } from "./query-count";

export function openSqlite<DB>(filename: string): Kysely<DB> {
  const database = new Database(filename);
  database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  return new Kysely<DB>({ dialect: new SqliteDialect({ database }), log: countQuery });
}

/** Where the runner put this app's database (`BENCH_DB`); `next build` imports the app without one. */
export function databaseFile(): string {
  const file = process.env.BENCH_DB;
  if (!file) throw new Error("BENCH_DB is not set: start the app through `npm run bench:http`.");
  return file;
}
