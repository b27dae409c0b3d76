/**
 * The check values of an OAuth sign-in in progress — state, PKCE verifier, nonce — and where to go after
 * it. They live in one short-lived cookie, encrypted and bound to the provider, so a callback is accepted
 * only by the browser that started the sign-in, only for that provider, and only once.
 */
import { BoundedCache } from "../bounded-cache.js";
import type { RequestContext } from "../context.js";
import { expireCookie, serializeCookie } from "../cookies/serialize.js";
import { timingSafeEqual } from "../compare.js";
import { InvalidCheck } from "../errors.js";
import { stampClaims } from "../token/codec.js";

// A type alias (not an interface) so that it is a plain record of claims for the encrypted cookie.
export type Checks = {
  provider: string;
  state: string;
  codeVerifier?: string;
  nonce?: string;
  /**
   * A re-authentication's `max_age`, sealed here so that the callback holds the ID token's `auth_time` to
   * it: removing it from the provider's URL (or the provider ignoring it) cannot pass an old login off as new.
   */
  maxAge?: number;
  /** The vetted destination after sign-in. */
  callbackUrl: string;
};

/** States already used in this process, kept until their cookie would have expired anyway. */
const usedStates = new BoundedCache<string, number>(10_000);

export async function checksCookie(context: RequestContext, checks: Checks): Promise<string> {
  const { name, options } = context.jar.oauthChecks;
  const token = await context.config.checksCodec.encode(stampClaims({ ...checks }, options.maxAge ?? 900));
  return serializeCookie(name, token, options);
}

export function clearChecksCookie(context: RequestContext): string {
  const { name, options } = context.jar.oauthChecks;
  return expireCookie(name, options);
}

/** The checks of the sign-in this callback answers. Throws `InvalidCheck` for anything else. */
export async function consumeChecks(context: RequestContext, providerId: string, state: string | null): Promise<Checks> {
  const cookie = context.cookies.get(context.jar.oauthChecks.name);
  if (!cookie) throw new InvalidCheck("No sign-in is in progress in this browser (the check cookie is missing or expired).");
  const claims = await context.config.checksCodec.decode(cookie);
  if (!claims || typeof claims.state !== "string" || typeof claims.callbackUrl !== "string") {
    throw new InvalidCheck("The check cookie is invalid.");
  }
  if (claims.provider !== providerId) {
    throw new InvalidCheck(`This sign-in was started with provider "${String(claims.provider)}", not "${providerId}".`);
  }
  if (!state || !timingSafeEqual(state, claims.state)) throw new InvalidCheck("The state parameter does not match this browser's sign-in.");
  if (usedStates.get(claims.state) !== undefined) throw new InvalidCheck("This sign-in was already completed; the callback cannot be replayed.");
  usedStates.set(claims.state, claims.exp ?? 0);
  return {
    provider: providerId,
    state: claims.state,
    callbackUrl: claims.callbackUrl,
    ...(typeof claims.codeVerifier === "string" && { codeVerifier: claims.codeVerifier }),
    ...(typeof claims.nonce === "string" && { nonce: claims.nonce }),
    ...(typeof claims.maxAge === "number" && { maxAge: claims.maxAge }),
  };
}
