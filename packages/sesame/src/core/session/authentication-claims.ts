/**
 * How and when the user authenticated (`amr`, `auth_time`) are Sesame's to say, set at sign-in. A `jwt`
 * callback that merges the client's `update()` data into the token (`{ ...token, ...session }`, a common
 * pattern) must not let a client claim a second factor it never gave, or a fresh sign-in to pass step-up:
 * after the callback, both are put back as they were.
 */
import type { JWT } from "../types.js";

/**
 * The token as the app's `jwt` and `session` callbacks see it. With `session.exposeAuthentication` (on with
 * `twoFactor` or passkeys) they see `amr` and `auth_time`; otherwise not, so that a NextAuth app that hands
 * the whole token to the client (`session.user = token`) sees exactly what it saw under NextAuth. The claims
 * stay in the cookie either way (step-up reads them), and are put back after the callback.
 */
export function tokenForCallbacks(token: JWT, expose: boolean): JWT {
  if (expose || (token.amr === undefined && token.auth_time === undefined)) return token;
  const { amr: _amr, auth_time: _authTime, ...rest } = token;
  return rest;
}

export function keepAuthenticationClaims(token: JWT, before: JWT): JWT {
  if (JSON.stringify(token.amr) === JSON.stringify(before.amr) && token.auth_time === before.auth_time) return token;
  // In the places they had: a callback that never saw them returns the same token in another key order
  // otherwise, which would count as a change and re-issue the cookie early.
  const restored: Record<string, unknown> = {};
  for (const key of Object.keys(before)) {
    if (key === "amr" || key === "auth_time") restored[key] = before[key];
    else if (key in token) restored[key] = token[key];
  }
  for (const [key, value] of Object.entries(token)) if (!(key in restored) && key !== "amr" && key !== "auth_time") restored[key] = value;
  return restored as JWT;
}

/**
 * Whether the token's user authenticated within `maxAgeSeconds` (step-up). A token without `auth_time` (one
 * issued before Sesame recorded it, or carried over from NextAuth) is never recent.
 */
export function isRecentAuthentication(token: JWT | null, maxAgeSeconds: number, now = Date.now()): boolean {
  return typeof token?.auth_time === "number" && now / 1000 - token.auth_time <= maxAgeSeconds;
}
