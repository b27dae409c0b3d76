/**
 * Rate limiting of sign-in attempts, per client IP and per identifier (the username or email tried), so
 * that neither one address trying many accounts nor many addresses trying one account get far. A
 * successful sign-in clears the identifier's count.
 */
import type { RequestContext } from "../context.js";
import { AdapterError, RateLimited } from "../errors.js";
import type { RateLimitStore } from "./store.js";

export interface Limit {
  /** Attempts allowed per window. */
  max: number;
  /** Window length in seconds. */
  window: number;
}

export interface RateLimitOptions {
  /** Default: in memory (per process). Use the SQL or Redis store when several processes serve the app. */
  store?: RateLimitStore;
  /** Default: 20 attempts per minute per IP. `false` turns it off. */
  perIp?: Limit | false;
  /** Default: 5 attempts per 5 minutes per identifier. `false` turns it off. */
  perIdentifier?: Limit | false;
  /**
   * The client's IP. Default: the first `X-Forwarded-For` address when the host is trusted, else
   * `X-Real-IP`. Without one, only the per-identifier limit applies.
   */
  clientIp?: (request: Request) => string | null | undefined;
}

export const DEFAULT_PER_IP: Limit = { max: 20, window: 60 };
export const DEFAULT_PER_IDENTIFIER: Limit = { max: 5, window: 300 };

function clientIp(context: RequestContext, options: RateLimitOptions): string | undefined {
  if (options.clientIp) return options.clientIp(context.request) ?? undefined;
  const forwarded = context.config.trustHost ? context.head.headers.get("x-forwarded-for")?.split(",")[0]?.trim() : undefined;
  return forwarded || context.head.headers.get("x-real-ip") || undefined;
}

const identifierKey = (provider: string, identifier: string) => `signin:id:${provider}:${identifier.trim().toLowerCase()}`;

/** Counts this attempt; throws `RateLimited` (with the seconds to wait) when a limit is exceeded. */
export async function limitSignIn(context: RequestContext, provider: string, identifier: string | undefined): Promise<void> {
  const options = context.config.rateLimit;
  if (!options) return;
  const checks: Array<[string, Limit]> = [];
  const ip = clientIp(context, options.options);
  if (ip && options.perIp) checks.push([`signin:ip:${ip}`, options.perIp]);
  if (identifier && options.perIdentifier) checks.push([identifierKey(provider, identifier), options.perIdentifier]);
  let hits;
  try {
    hits = await Promise.all(checks.map(([key, limit]) => options.store.hit(key, limit.window)));
  } catch (cause) {
    // Without a working counter there is no protection against guessing: refuse rather than allow.
    throw new AdapterError("The rate-limit store failed; sign-in is paused until it is back.", { cause });
  }
  let retryAfter = 0;
  checks.forEach(([, limit], i) => {
    const hit = hits[i];
    if (hit && hit.count > limit.max) retryAfter = Math.max(retryAfter, 1, Math.ceil((hit.resetAt - Date.now()) / 1000));
  });
  if (retryAfter > 0) throw new RateLimited(retryAfter);
}

/** After a successful sign-in the identifier starts afresh. */
export async function clearSignInLimit(context: RequestContext, provider: string, identifier: string | undefined): Promise<void> {
  const options = context.config.rateLimit;
  if (!options || !identifier || !options.perIdentifier) return;
  try {
    await options.store.reset(identifierKey(provider, identifier));
  } catch (cause) {
    // Reported like a failed count, not as an unexpected error: the store is down, and it is not the app's bug.
    throw new AdapterError("The rate-limit store failed; sign-in is paused until it is back.", { cause });
  }
}
