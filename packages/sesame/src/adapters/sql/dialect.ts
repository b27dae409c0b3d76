/**
 * Which SQL the database behind a Kysely instance speaks. SQLite and PostgreSQL share Sesame's queries
 * (`ON CONFLICT`, `RETURNING`, transactional DDL); MySQL and MariaDB have none of the three, so the few
 * statements that use them ask here, in one place, rather than each guessing from its own clues.
 */
import { MysqlAdapter, type Kysely } from "kysely";

/**
 * Whether `db` runs on MySQL or MariaDB: its dialect's adapter is Kysely's `MysqlAdapter` (as `MysqlDialect`'s
 * is, and those of the MySQL-compatible dialects built on it).
 *
 * @example
 * ```ts
 * const upsert = isMysql(db) ? query.onDuplicateKeyUpdate(values) : query.onConflict((c) => c.column("key").doUpdateSet(values));
 * ```
 */
export function isMysql<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof MysqlAdapter;
}
