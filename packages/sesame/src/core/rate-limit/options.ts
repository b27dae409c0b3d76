/** What the app can set about rate limiting sign-in attempts, and the defaults. */
import type { RateLimitStore } from "./store.js";

/** At most `max` sign-in attempts in any `window` seconds. */
export interface Limit {
  /** Attempts allowed per window. */
  max: number;
  /** Window length in seconds. */
  window: number;
}

/**
 * Limits on sign-in attempts, per client IP and per identifier (the email or username tried).
 *
 * @example
 * ```ts
 * export const config = { rateLimit: { perIdentifier: { max: 3, window: 600 } }, providers: [...] };
 * ```
 */
export interface RateLimitOptions {
  /** Default: in memory (per process). Use the SQL or Redis store when several processes serve the app. */
  store?: RateLimitStore;
  /** Default: 20 attempts per minute per IP. `false` turns it off. */
  perIp?: Limit | false;
  /** Default: 5 attempts per 5 minutes per identifier. `false` turns it off. */
  perIdentifier?: Limit | false;
  /**
   * The client's IP, where the app knows it better than the headers do. Used for the per-IP limit and for
   * the `ip` stored with database sessions; values are cut to 64 characters. Default: the `X-Forwarded-For`
   * entry chosen by the top-level `trustedProxies`, or none when that is not set. Without an IP only the
   * per-identifier limit applies.
   *
   * @example
   * ```ts
   * // Bun: the connection's address.
   * rateLimit: { clientIp: (request) => server.requestIP(request)?.address }
   * // Behind Cloudflare only (the origin accepts no other traffic): the header Cloudflare sets.
   * rateLimit: { clientIp: (request) => request.headers.get("cf-connecting-ip") }
   * ```
   */
  clientIp?: (request: Request) => string | null | undefined;
}

export const DEFAULT_PER_IP: Limit = { max: 20, window: 60 };
export const DEFAULT_PER_IDENTIFIER: Limit = { max: 5, window: 300 };
