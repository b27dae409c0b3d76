/**
 * JWT sessions' upstream tokens in the SQL database (`tokens.store`): a row per session, sealed by Sesame,
 * that expires with the session; rows of a user found by `user_id` when all their sessions are revoked.
 */
import type { Kysely } from "kysely";
import type { UpstreamTokenStore } from "../../core/upstream/store.js";
import { nowSeconds } from "../../core/clock.js";
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
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("sesame_upstream_tokens").where("expires_at", "<=", nowSeconds()).execute();
        await trx
          .insertInto("sesame_upstream_tokens")
          .values({ session_id: sessionId, user_id: userId ?? null, sealed, expires_at: expiresAt })
          .onConflict((conflict) => conflict.column("session_id").doUpdateSet({ user_id: userId ?? null, sealed, expires_at: expiresAt }))
          .execute();
      });
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
