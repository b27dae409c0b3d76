/**
 * Sign-in rate limits in the SQL database, for several processes sharing one database: one upsert per
 * attempt, which opens a new window when the old one has ended and counts up otherwise, atomically.
 */
import { sql, type Kysely } from "kysely";
import type { RateLimitStore } from "../../core/rate-limit/store.js";
import { isMysql } from "./dialect.js";
import type { SesameDatabase } from "./schema.js";

/**
 * Sign-in rate limits in the SQL database (`sesame_rate_limits`), for several processes without Redis.
 *
 * @example
 * ```ts
 * import { SqlRateLimitStore } from "sesame-auth/adapters/sql";
 * rateLimit: { store: SqlRateLimitStore(db) },
 * ```
 */
export function SqlRateLimitStore(db: Kysely<SesameDatabase>): RateLimitStore {
  const mysql = isMysql(db);
  return {
    async hit(key, windowSeconds) {
      const now = Date.now();
      const resetAt = now + windowSeconds * 1000;
      const first = { key, count: 1, reset_at: resetAt };
      // The existing row's values: a window that has ended starts over, one still open counts up. `count` is
      // set before `reset_at`, and must be: MySQL evaluates the assignments in order, each seeing the ones
      // before it, so `count` has to read the old `reset_at`.
      const counted = {
        count: sql<number>`CASE WHEN sesame_rate_limits.reset_at <= ${now} THEN 1 ELSE sesame_rate_limits.count + 1 END`,
        reset_at: sql<number>`CASE WHEN sesame_rate_limits.reset_at <= ${now} THEN ${resetAt} ELSE sesame_rate_limits.reset_at END`,
      };
      const row = mysql
        ? // No RETURNING on MySQL: the upsert and the read of what it wrote share a transaction. The upsert
          // holds the row's lock until the commit, so no other hit can come between the two.
          await db.transaction().execute(async (trx) => {
            await trx.insertInto("sesame_rate_limits").values(first).onDuplicateKeyUpdate(counted).execute();
            return trx.selectFrom("sesame_rate_limits").select(["count", "reset_at"]).where("key", "=", key).forUpdate().executeTakeFirstOrThrow();
          })
        : await db
            .insertInto("sesame_rate_limits")
            .values(first)
            .onConflict((conflict) => conflict.column("key").doUpdateSet(counted))
            .returning(["count", "reset_at"])
            .executeTakeFirstOrThrow();
      return { count: Number(row.count), resetAt: Number(row.reset_at) };
    },
    async reset(key) {
      await db.deleteFrom("sesame_rate_limits").where("key", "=", key).execute();
    },
  };
}
