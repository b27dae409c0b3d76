/**
 * Refresh coordination in the SQL database: a row per refresh, claimed by inserting it (the primary key
 * lets one process win), then holding the sealed result until the grace window ends.
 */
import type { Kysely } from "kysely";
import type { RefreshCoordinator } from "../../core/upstream/coordinator.js";
import { retryingDeadlocks } from "./deadlock.js";
import { isMysql } from "./dialect.js";
import type { SesameDatabase } from "./schema.js";

/**
 * Upstream token refresh coordination in the SQL database, for several processes without Redis.
 *
 * @example
 * ```ts
 * import { SqlRefreshCoordinator } from "sesame-auth/adapters/sql";
 * tokens: { coordinator: SqlRefreshCoordinator(db) },
 * ```
 */
export function SqlRefreshCoordinator(db: Kysely<SesameDatabase>): RefreshCoordinator {
  const mysql = isMysql(db);
  return {
    async claim(key, ttlMs) {
      // On MySQL the sweep locks every row it scans, and claims at once can deadlock: the claim runs again.
      return retryingDeadlocks(async () => {
        const now = Date.now();
        // A claim left by a process that died ends with its time-out, and may be taken over.
        await db.deleteFrom("sesame_token_refreshes").where("expires_at", "<=", now).execute();
        const inserted = await db
          .insertInto("sesame_token_refreshes")
          .values({ key, sealed: null, expires_at: now + ttlMs })
          // MySQL's way to skip a taken key is INSERT IGNORE: an ON DUPLICATE KEY UPDATE that changes nothing
          // counts the found row as affected (mysql2 connects with FOUND_ROWS), a win indistinguishable from an insert.
          .$call((insert) => (mysql ? insert.ignore() : insert.onConflict((conflict) => conflict.column("key").doNothing())))
          .executeTakeFirst();
        return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
      });
    },
    async release(key) {
      await db.deleteFrom("sesame_token_refreshes").where("key", "=", key).where("sealed", "is", null).execute();
    },
    async publish(key, sealed, ttlMs) {
      await db.updateTable("sesame_token_refreshes").set({ sealed, expires_at: Date.now() + ttlMs }).where("key", "=", key).execute();
    },
    async result(key) {
      const row = await db
        .selectFrom("sesame_token_refreshes")
        .select("sealed")
        .where("key", "=", key)
        .where("expires_at", ">", Date.now())
        .executeTakeFirst();
      return row?.sealed ?? null;
    },
  };
}
