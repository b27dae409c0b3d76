/**
 * A server-side home for the upstream tokens of JWT sessions (`tokens.store`). Without one, the session
 * cookie carries the provider's access and refresh tokens, encrypted: Entra ID or Cognito tokens make it
 * several kilobytes, and the refresh token, though unreadable, travels with every request. With one, the
 * cookie carries a reference (the session's id, the provider, the expiry), and the tokens stay here.
 *
 * What a store keeps is sealed by Sesame (encrypted with the app's secret) before it gets it, so a leaked
 * store holds no usable token; it is keyed by the session's id and indexed by user, so that ending a session,
 * or all of a user's sessions, deletes their tokens too.
 */

/** One session's sealed upstream tokens, as a store keeps them. */
export interface StoredUpstream {
  /** The tokens, encrypted by Sesame: opaque to the store. */
  sealed: string;
  /** The session's user, for `deleteUser`. */
  userId?: string;
  /** When the entry may be dropped (the session's expiry), seconds since the epoch. */
  expiresAt: number;
}

/**
 * Where JWT sessions keep their upstream tokens (`tokens.store`). Implementations: `MemoryTokenStore` (one
 * process), `RedisTokenStore` (`sesame-auth/adapters/redis`), `SqlTokenStore` (`sesame-auth/adapters/sql`).
 * A method that cannot reach its storage must throw: Sesame then fails closed (no tokens, `RefreshTokenError`).
 */
export interface UpstreamTokenStore {
  /** The sealed tokens of session `sessionId`, or `null` (never stored, deleted, or expired). */
  get(sessionId: string): Promise<string | null>;
  /** Stores (or replaces) the session's sealed tokens. */
  set(sessionId: string, entry: StoredUpstream): Promise<void>;
  /** Moves the entry's expiry (the session was renewed). Nothing to do if there is no entry. */
  expire(sessionId: string, expiresAt: number): Promise<void>;
  /** Deletes the session's tokens (sign-out). */
  delete(sessionId: string): Promise<void>;
  /** Deletes the tokens of every session of `userId` (all of a user's sessions revoked). */
  deleteUser(userId: string): Promise<void>;
}

/**
 * A token store in this process's memory: enough for one server process (and for tests). Several processes
 * share `RedisTokenStore` or `SqlTokenStore`.
 *
 * @example
 * ```ts
 * import { MemoryTokenStore } from "sesame-auth";
 * tokens: { store: MemoryTokenStore() },
 * ```
 */
export function MemoryTokenStore(): UpstreamTokenStore {
  const entries = new Map<string, StoredUpstream>();
  /** Expired entries are swept when the map doubles: amortised O(1) per `set`, never more than twice the live ones. */
  let sweepAt = 1024;
  const live = (sessionId: string) => {
    const entry = entries.get(sessionId);
    if (entry && entry.expiresAt * 1000 <= Date.now()) entries.delete(sessionId);
    return entries.get(sessionId);
  };
  return {
    async get(sessionId) {
      return live(sessionId)?.sealed ?? null;
    },
    async set(sessionId, entry) {
      if (entries.size >= sweepAt) {
        for (const id of entries.keys()) live(id);
        sweepAt = Math.max(1024, entries.size * 2);
      }
      entries.set(sessionId, { ...entry });
    },
    async expire(sessionId, expiresAt) {
      const entry = live(sessionId);
      if (entry) entry.expiresAt = expiresAt;
    },
    async delete(sessionId) {
      entries.delete(sessionId);
    },
    async deleteUser(userId) {
      for (const [id, entry] of entries) if (entry.userId === userId) entries.delete(id);
    },
  };
}
