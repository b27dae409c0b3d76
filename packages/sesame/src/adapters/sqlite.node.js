/**
 * `sesame-auth/adapters/sqlite`: an embedded SQLite database file (better-sqlite3) ready for the SQL adapter —
 * write-ahead logging so readers do not wait for writers, foreign keys on, and a busy time-out instead of
 * immediate "database is locked" errors.
 *
 * @example
 * ```ts
 * import { sqlite } from "sesame-auth/adapters/sqlite";
 * import { SqlAdapter, migrate } from "sesame-auth/adapters/sql";
 *
 * const db = sqlite("./data/auth.db");
 * await migrate(db);
 * export const config = { adapter: SqlAdapter(db), providers: [...] };
 * ```
 */
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
/**
 * Opens (or creates) the SQLite file `filename` as a Kysely instance for `SqlAdapter`: WAL, foreign keys,
 * prepared statements reused, and `busyTimeoutMs` (default 5 000) of waiting on a locked database.
 *
 * @example
 * ```ts
 * import { sqlite } from "sesame-auth/adapters/sqlite";
 * import { SqlAdapter, migrate } from "sesame-auth/adapters/sql";
 * const db = sqlite("./data/auth.db");
 * await migrate(db);
 * export const config = { adapter: SqlAdapter(db), providers: [GitHub()] };
 * ```
 */
export function sqlite(filename, options = {}) {
    const database = new Database(filename);
    database.pragma("journal_mode = WAL");
    database.pragma("foreign_keys = ON");
    database.pragma(`busy_timeout = ${Math.floor(options.busyTimeoutMs ?? 5_000)}`);
    return new Kysely({ dialect: new SqliteDialect({ database: reusingStatements(database) }) });
}
/** More distinct statements than Sesame runs; an app's own queries on the same connection share the room. */
const STATEMENT_CACHE_SIZE = 256;
/**
 * Kysely prepares every query afresh, and over HTTP preparing the session lookup cost more than running it.
 * Kysely compiles the same query to the same SQL text, so statements are kept by their text and reused. A
 * statement still being iterated (a stream not yet closed) is busy and cannot be run again: it gets a fresh
 * one. SQLite re-prepares a kept statement by itself if a migration changes the schema under it.
 */
function reusingStatements(database) {
    const statements = new Map();
    return {
        prepare(sql) {
            const kept = statements.get(sql);
            if (kept && !kept.busy)
                return kept;
            const statement = database.prepare(sql);
            if (!kept) {
                if (statements.size >= STATEMENT_CACHE_SIZE)
                    statements.delete(statements.keys().next().value);
                statements.set(sql, statement);
            }
            return statement;
        },
        close() {
            statements.clear();
            database.close();
        },
    };
}
