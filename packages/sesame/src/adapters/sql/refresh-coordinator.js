/**
 * Upstream token refresh coordination in the SQL database, for several processes without Redis.
 *
 * @example
 * ```ts
 * import { SqlRefreshCoordinator } from "sesame-auth/adapters/sql";
 * tokens: { coordinator: SqlRefreshCoordinator(db) },
 * ```
 */
export function SqlRefreshCoordinator(db) {
    return {
        async claim(key, ttlMs) {
            const now = Date.now();
            // A claim left by a process that died ends with its time-out, and may be taken over.
            await db.deleteFrom("sesame_token_refreshes").where("expires_at", "<=", now).execute();
            const inserted = await db
                .insertInto("sesame_token_refreshes")
                .values({ key, sealed: null, expires_at: now + ttlMs })
                .onConflict((conflict) => conflict.column("key").doNothing())
                .executeTakeFirst();
            return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
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
