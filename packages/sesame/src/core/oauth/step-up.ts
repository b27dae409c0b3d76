/**
 * Re-authentication through an OpenID Connect provider (step-up). A sign-in marked as a re-authentication
 * asks the provider for a login no older than `maxAge` seconds (`max_age`, and `prompt=login` for 0 or when
 * the provider is set to), and the callback has oauth4webapi hold the ID token's `auth_time` to it. The
 * session then dates from the provider's `auth_time`, not from the callback: a provider that quietly re-uses
 * yesterday's login yields a session from yesterday, which no step-up accepts.
 */
import * as oauth from "oauth4webapi";
import { nowSeconds } from "../clock.js";
import type { OAuthProvider } from "../provider/oauth.js";
import { parseMaxAge } from "../step-up-marker.js";

/**
 * Sets the re-authentication parameters of an authorization request, over the provider's own. Returns the
 * `max_age` sent, to seal in the check cookie, or `undefined` when none was. `requested` is the sign-in's
 * marker; a `max_age` in the provider's `authorization.params` applies to every sign-in, and the smaller wins.
 */
export function stepUpParams(provider: OAuthProvider, params: URLSearchParams, requested: number | undefined): number | undefined {
  if (requested !== undefined && (requested === 0 || provider.promptLoginOnStepUp)) {
    // `none` forbids the very login asked for; any other prompt (`consent`, `select_account`) stays.
    const prompts = (params.get("prompt") ?? "").split(" ").filter((value) => value && value !== "none" && value !== "login");
    params.set("prompt", [...prompts, "login"].join(" "));
  }
  // Only OpenID Connect defines `max_age` and an ID token to check it against.
  if (provider.type !== "oidc") return undefined;
  const configured = parseMaxAge(params.get("max_age") ?? undefined);
  const maxAge = requested === undefined ? configured : configured === undefined ? requested : Math.min(requested, configured);
  if (maxAge !== undefined) params.set("max_age", String(maxAge));
  return maxAge;
}

/**
 * When the user authenticated, by the ID token: its `auth_time` (which oauth4webapi checked to be a number,
 * and, after a `max_age`, to be recent enough), never later than now. `undefined` without one: the provider
 * did not say, and the sign-in's own time stands (see docs/mfa.md on what that means for step-up).
 */
export function providerAuthTime(claims: oauth.IDToken | undefined): number | undefined {
  const authTime = claims?.auth_time;
  return typeof authTime === "number" ? Math.min(Math.floor(authTime), nowSeconds()) : undefined;
}

/**
 * Whether oauth4webapi refused the ID token for its `auth_time` after a `max_age`: too old (its stable code
 * for a timestamp check, naming the claim), or missing (its code for a required claim absent, with claims
 * that lack `auth_time`, and a message naming it: a missing `nonce` is reported the same way).
 */
export function isAuthTimeRefusal(error: unknown): boolean {
  if (!(error instanceof oauth.OperationProcessingError)) return false;
  const { cause } = error;
  if (typeof cause !== "object" || cause === null) return false;
  if (error.code === oauth.JWT_TIMESTAMP_CHECK) return "claim" in cause && cause.claim === "auth_time";
  if (error.code !== oauth.INVALID_RESPONSE || !("claims" in cause)) return false;
  const { claims } = cause;
  return typeof claims === "object" && claims !== null && !("auth_time" in claims) && error.message.includes('"auth_time"');
}
