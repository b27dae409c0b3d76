import { serializeCookie } from "./cookies/serialize.js";
/**
 * The vetted destination for `requested`, falling back to the callback-url cookie, then to the app's root.
 * `baseUrl` is the request's origin, except for a link that is mailed, whose origin is vetted separately.
 */
export async function resolveCallbackUrl(context, requested, baseUrl = context.origin) {
    const url = requested || context.cookies.get(context.jar.callbackUrl.name) || baseUrl;
    return context.config.callbacks.redirect({ url, baseUrl });
}
/** Remembers the vetted destination across a sign-in that spans several requests. */
export function callbackUrlCookie(context, url) {
    const { name, options } = context.jar.callbackUrl;
    return serializeCookie(name, url, options);
}
