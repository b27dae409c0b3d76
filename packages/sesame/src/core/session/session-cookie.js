import { clearChunkedCookie } from "../cookies/chunking.js";
import { clearPreviousSessionCookie } from "./previous-cookie.js";
/** `Set-Cookie` values that expire the request's session cookie (all its chunks) and its pre-`__Host-` copy. */
export function clearSessionCookies(context) {
    const { name, options } = context.jar.sessionToken;
    return [...clearChunkedCookie(name, options, context.cookies), ...clearPreviousSessionCookie(context)];
}
