/**
 * Sign-in rate limits in the SQL database, for several processes sharing one database: one upsert per
 * attempt, which opens a new window when the old one has ended and counts up otherwise, atomically.
 */
import { sql } from "kysely";
/**
 * Sign-in rate limits in the SQL database (`sesame_rate_limits`), for several processes without Redis.
 *
 * @example
 * ```ts
 * import { SqlRateLimitStore } from "sesame-auth/adapters/sql";
 * rateLimit: { store: SqlRateLimitStore(db) },
 * ```
 */
export function SqlRateLimitStore(db) {
    return {
        async hit(key, windowSeconds) {
            const now = Date.now();
            const resetAt = now + windowSeconds * 1000;
            const row = await db
                .insertInto("sesame_rate_limits")
                .values({ key, count: 1, reset_at: resetAt })
                .onConflict((conflict) => conflict.column("key").doUpdateSet({
                count: sql `CASE WHEN sesame_rate_limits.reset_at <= ${now} THEN 1 ELSE sesame_rate_limits.count + 1 END`,
                reset_at: sql `CASE WHEN sesame_rate_limits.reset_at <= ${now} THEN ${resetAt} ELSE sesame_rate_limits.reset_at END`,
            }))
                .returning(["count", "reset_at"])
                .executeTakeFirstOrThrow();
            return { count: Number(row.count), resetAt: Number(row.reset_at) };
        },
        async reset(key) {
            await db.deleteFrom("sesame_rate_limits").where("key", "=", key).execute();
        },
    };
}
