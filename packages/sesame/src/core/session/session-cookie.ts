/** Removing the session cookie, whatever the strategy keeps in it: every chunk, and any copy under the name used before `__Host-`. */
import type { RequestContext } from "../context.js";
import { clearChunkedCookie } from "../cookies/chunking.js";
import { clearPreviousSessionCookie } from "./previous-cookie.js";

/** `Set-Cookie` values that expire the request's session cookie (all its chunks) and its pre-`__Host-` copy. */
export function clearSessionCookies(context: RequestContext): string[] {
  const { name, options } = context.jar.sessionToken;
  return [...clearChunkedCookie(name, options, context.cookies), ...clearPreviousSessionCookie(context)];
}
