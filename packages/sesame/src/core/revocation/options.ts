/** What the app can set about instant sign-out for JWT sessions, and the same with every default filled in. */
import type { RevocationStore } from "./store.js";

/**
 * Instant sign-out for JWT sessions: revoked session ids and user token versions, shared between processes
 * through a store that pushes changes.
 *
 * @example
 * ```ts
 * import { RedisRevocationStore } from "sesame-auth/adapters/redis";
 *
 * export const config = { revocation: { store: RedisRevocationStore({ url: process.env.REDIS_URL }) }, providers: [...] };
 * ```
 */
export interface RevocationOptions {
  store: RevocationStore;
  /** What to do when revocations may be missing. Default: `"fail-closed"`. */
  policy?: "fail-closed" | "fail-open";
  /** Seconds the channel may be down before the policy applies. Default: 10. */
  maxStaleness?: number;
  /** Seconds between full reloads from the store. Default: 30. */
  reconcileInterval?: number;
  /**
   * Seconds the first session read (or sign-in) of a process waits for the store to connect and load the
   * revocations. If the store has not answered by then, requests go on without waiting — the `policy` decides
   * what a session is worth until the state is loaded — and the connection keeps being retried in the
   * background. Bounded so that a store down when the process starts cannot hang every request. Default: 3.
   *
   * @example
   * ```ts
   * revocation: { store: RedisRevocationStore({ url: process.env.REDIS_URL }), startTimeout: 1 },
   * ```
   */
  startTimeout?: number;
}

/** `RevocationOptions` with every default filled in by config/resolve.ts, durations named with their unit. */
export interface ResolvedRevocationOptions {
  store: RevocationStore;
  policy: "fail-closed" | "fail-open";
  maxStalenessSeconds: number;
  reconcileIntervalSeconds: number;
  startTimeoutSeconds: number;
  /** `session.maxAge`: how long a copy of a token renewed right now could live. */
  sessionMaxAgeSeconds: number;
}
