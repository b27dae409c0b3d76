/**
 * JWT sessions' upstream tokens in the SQL database (`tokens.store`): a row per session, sealed by Sesame,
 * that expires with the session; rows of a user found by `user_id` when all their sessions are revoked.
 */
import type { Kysely } from "kysely";
import type { UpstreamTokenStore } from "../../core/upstream/store.js";
import { nowSeconds } from "../../core/clock.js";
import { retryingDeadlocks } from "./deadlock.js";
import { isMysql } from "./dialect.js";
import type { SesameDatabase } from "./schema.js";

/**
 * Upstream tokens of JWT sessions in the SQL database, for several processes without Redis. Needs the
 * `sesame_upstream_tokens` table (`migrate(db)` creates it).
 *
 * @example
 * ```ts
 * import { SqlTokenStore } from "sesame-auth/adapters/sql";
 * tokens: { store: SqlTokenStore(db) },
 * ```
 */
export function SqlTokenStore(db: Kysely<SesameDatabase>): UpstreamTokenStore {
  const mysql = isMysql(db);
  return {
    async get(sessionId) {
      const row = await db
        .selectFrom("sesame_upstream_tokens")
        .select("sealed")
        .where("session_id", "=", sessionId)
        .where("expires_at", ">", nowSeconds())
        .executeTakeFirst();
      return row?.sealed ?? null;
    },
    async set(sessionId, { sealed, userId, expiresAt }) {
      // Expired rows go as new ones arrive, so the table holds live sessions only.
      const entry = { user_id: userId ?? null, sealed, expires_at: expiresAt };
      // The sweep reads the whole table. Under MySQL's default REPEATABLE READ it would lock every row and
      // the gaps between them until the commit, and sessions stored at once would deadlock on each other's
      // inserts. READ COMMITTED lets go of the rows the sweep does not delete, though not always at once:
      // a deadlock stays possible, rarely, and InnoDB then rolls one transaction back to be run again.
      const transaction = mysql ? db.transaction().setIsolationLevel("read committed") : db.transaction();
      await retryingDeadlocks(() => transaction.execute(async (trx) => {
        await trx.deleteFrom("sesame_upstream_tokens").where("expires_at", "<=", nowSeconds()).execute();
        await trx
          .insertInto("sesame_upstream_tokens")
          .values({ session_id: sessionId, ...entry })
          .$call((insert) => (mysql ? insert.onDuplicateKeyUpdate(entry) : insert.onConflict((conflict) => conflict.column("session_id").doUpdateSet(entry))))
          .execute();
      }));
    },
    async expire(sessionId, expiresAt) {
      await db.updateTable("sesame_upstream_tokens").set({ expires_at: expiresAt }).where("session_id", "=", sessionId).execute();
    },
    async delete(sessionId) {
      await db.deleteFrom("sesame_upstream_tokens").where("session_id", "=", sessionId).execute();
    },
    async deleteUser(userId) {
      await db.deleteFrom("sesame_upstream_tokens").where("user_id", "=", userId).execute();
    },
  };
}
