import { clearChunkedCookie, readChunkedCookie } from "../cookies/chunking.js";
/** Claim of session tokens issued for the `__Host-` cookie: such a token is refused under the old name. */
export const HOST_COOKIE_CLAIM = "sesame.host";
/** The old-name session cookie, when the migration applies and the request has no current one. */
export function previousSessionCookie(context) {
    const { previousName } = context.jar.sessionToken;
    if (!previousName || !context.config.legacyCookies)
        return undefined;
    return readChunkedCookie(context.cookies, previousName);
}
/** `Set-Cookie` values expiring the old-name session cookie and its chunks, if the request has them. */
export function clearPreviousSessionCookie(context) {
    const { previousName, options } = context.jar.sessionToken;
    if (!previousName || readChunkedCookie(context.cookies, previousName) === undefined)
        return [];
    return clearChunkedCookie(previousName, options, context.cookies);
}
