/**
 * Rate limiting of sign-in attempts, per client IP and per identifier (the username or email tried), so
 * that neither one address trying many accounts nor many addresses trying one account get far. A
 * successful sign-in clears the identifier's count.
 */
import { sha256 } from "#digest";
import { clientIp } from "../client-ip.js";
import type { RequestContext } from "../context.js";
import { AdapterError, RateLimited } from "../errors.js";
import type { Limit } from "./options.js";

/**
 * Longer identifiers are cut before any work on them: no real username or email comes near it (an email
 * address has at most 254 characters), and a 60 KB one costs no more than a short one.
 */
const MAX_IDENTIFIER_LENGTH = 1024;

/**
 * The identifier's counter, under its SHA-256: a fixed-size key in every store whatever the client typed,
 * and no usernames or email addresses in clear in Redis or SQL.
 */
async function identifierKey(provider: string, identifier: string): Promise<string> {
  return `signin:id:${await sha256(`${provider}\n${identifier.slice(0, MAX_IDENTIFIER_LENGTH).trim().toLowerCase()}`)}`;
}

/** Configs already warned that they have no client IP, so the log says it once, not per attempt. */
const warnedWithoutIp = new WeakSet<object>();

function warnWithoutIp(context: RequestContext): void {
  const { config } = context;
  if (warnedWithoutIp.has(config)) return;
  warnedWithoutIp.add(config);
  config.logger.warn(
    "RateLimitWithoutClientIp",
    "A sign-in attempt had no client IP, so only the per-identifier limit applied. Behind proxies that append to " +
      "X-Forwarded-For, set `trustedProxies` to their number; otherwise give `rateLimit.clientIp`. " +
      "Forwarding headers are not read without one of them, since any client can send them.",
  );
}

/** Counts this attempt; throws `RateLimited` (with the seconds to wait) when a limit is exceeded. */
export async function limitSignIn(context: RequestContext, provider: string, identifier: string | undefined): Promise<void> {
  const options = context.config.rateLimit;
  if (!options) return;
  const checks: Array<[string, Limit]> = [];
  if (options.perIp) {
    const ip = clientIp(context);
    if (ip) checks.push([`signin:ip:${ip}`, options.perIp]);
    else warnWithoutIp(context);
  }
  if (identifier && options.perIdentifier) checks.push([await identifierKey(provider, identifier), options.perIdentifier]);
  await count(options.store, checks);
}

/**
 * How many times the per-IP limit a client may ask for something that only costs a stored row (a passkey
 * ceremony's options): the sign-in page asks on every visit, for its autofill, and many users may share an
 * address; a flood from one address still stops.
 */
const ROW_REQUESTS_PER_SIGN_IN = 3;

/**
 * Counts a request that stores something before anyone proved anything (a passkey ceremony's challenge),
 * per client IP, in a bucket of its own: `bucket` names it. Throws `RateLimited` when exceeded.
 */
export async function limitStoredRequests(context: RequestContext, bucket: string): Promise<void> {
  const options = context.config.rateLimit;
  if (!options || !options.perIp) return;
  const ip = clientIp(context);
  if (!ip) return warnWithoutIp(context);
  const { max, window } = options.perIp;
  await count(options.store, [[`${bucket}:ip:${ip}`, { max: max * ROW_REQUESTS_PER_SIGN_IN, window }]]);
}

async function count(store: NonNullable<RequestContext["config"]["rateLimit"]>["store"], checks: Array<[string, Limit]>): Promise<void> {
  let hits;
  try {
    hits = await Promise.all(checks.map(([key, limit]) => store.hit(key, limit.window)));
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
    await options.store.reset(await identifierKey(provider, identifier));
  } catch (cause) {
    // Reported like a failed count, not as an unexpected error: the store is down, and it is not the app's bug.
    throw new AdapterError("The rate-limit store failed; sign-in is paused until it is back.", { cause });
  }
}
