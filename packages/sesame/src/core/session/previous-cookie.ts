/**
 * Moving the session cookie from `__Secure-sesame.session-token` (earlier versions, on https) to
 * `__Host-sesame.session-token` without signing anyone out — and without keeping the door open that the
 * move closes. A sibling subdomain can plant a `__Secure-` cookie for the parent domain, so an old-name
 * cookie is honoured only:
 * - when the request carries no `__Host-` session cookie at all (a real session is never overridden);
 * - when it was issued before the move: tokens issued since carry `HOST_COOKIE_CLAIM`, database sessions
 *   created since have a longer secret, and neither is accepted under the old name (so an attacker cannot
 *   copy their own current session into a planted cookie);
 * - for database sessions, only while the session is younger than `session.maxAge` (a JWT's own expiry
 *   bounds it already), so the window closes by itself one session lifetime after the upgrade;
 * - and only with `legacyCookies` on (the default), which turns every such migration off.
 * The cookie is re-issued under the new name and the old one expired on the same response.
 */
import type { RequestContext } from "../context.js";
import { clearChunkedCookie, readChunkedCookie } from "../cookies/chunking.js";

/** Claim of session tokens issued for the `__Host-` cookie: such a token is refused under the old name. */
export const HOST_COOKIE_CLAIM = "sesame.host";

/** The old-name session cookie, when the migration applies and the request has no current one. */
export function previousSessionCookie(context: RequestContext): string | undefined {
  const { previousName } = context.jar.sessionToken;
  if (!previousName || !context.config.legacyCookies) return undefined;
  return readChunkedCookie(context.cookies, previousName);
}

/** `Set-Cookie` values expiring the old-name session cookie and its chunks, if the request has them. */
export function clearPreviousSessionCookie(context: RequestContext): string[] {
  const { previousName, options } = context.jar.sessionToken;
  if (!previousName || readChunkedCookie(context.cookies, previousName) === undefined) return [];
  return clearChunkedCookie(previousName, options, context.cookies);
}
