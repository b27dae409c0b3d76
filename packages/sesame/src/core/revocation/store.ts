/**
 * Where revocations of JWT sessions are recorded and how they travel between server processes. A session
 * is revoked by its id (`jti`) until every copy of it would have expired anyway (`exp`, chosen by the
 * revocation state: a renewed copy can outlive the one that was signed out); all of a user's sessions are
 * revoked by raising the user's token version above the one their tokens carry.
 */

/** One revocation as the store broadcasts it: a single session (by `jti`), or every session of a user issued before `version`. */
export type RevocationChange =
  | {
      type: "session";
      jti: string;
      /** Until when the revocation must be kept (seconds since the epoch); a store may forget it after. */
      exp: number;
    }
  | { type: "user"; userId: string; version: number };

/** Everything a store currently holds as revoked, loaded at start and on every reconcile. */
export interface RevocationSnapshot {
  sessions: Array<{ jti: string; exp: number }>;
  versions: Array<{ userId: string; version: number }>;
}

/** A live subscription to a store's changes; `close()` ends it. */
export interface RevocationSubscription {
  close(): Promise<void>;
}

/** Keeps revocations and tells every process about them: implemented by the Redis, SQL and memory stores. */
export interface RevocationStore {
  /** Records the revocation of one session until `exp` (seconds since the epoch) and tells every subscriber. */
  revokeSession(jti: string, exp: number): Promise<void>;
  /** Raises the user's token version (ending every session issued before) and tells every subscriber. */
  bumpUserVersion(userId: string): Promise<number>;
  /** Everything currently revoked: loaded at start and periodically, to repair missed messages. */
  snapshot(): Promise<RevocationSnapshot>;
  /**
   * Delivers every change made by any process. `onStatus(false)` when the channel is lost, `true` when it
   * is (re)established — after which the state reloads a snapshot. Should resolve without waiting for an
   * unreachable server (connecting in the background and reporting it by `onStatus`); if it rejects, the
   * state retries it.
   */
  subscribe(onChange: (change: RevocationChange) => void, onStatus: (connected: boolean) => void): Promise<RevocationSubscription>;
}
