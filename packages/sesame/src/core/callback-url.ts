/**
 * Where to send the user after signing in or out. Every destination passes through the `redirect`
 * callback, whose default allows only this app's origin, so `callbackUrl` cannot be used as an open redirect.
 */
import type { RequestContext } from "./context.js";
import { serializeCookie } from "./cookies/serialize.js";

/**
 * The vetted destination for `requested`, falling back to the callback-url cookie, then to the app's root.
 * `baseUrl` is the request's origin, except for a link that is mailed, whose origin is vetted separately.
 */
export async function resolveCallbackUrl(context: RequestContext, requested: string | null | undefined, baseUrl = context.origin): Promise<string> {
  const url = requested || context.cookies.get(context.jar.callbackUrl.name) || baseUrl;
  return context.config.callbacks.redirect({ url, baseUrl });
}

/** Remembers the vetted destination across a sign-in that spans several requests. */
export function callbackUrlCookie(context: RequestContext, url: string): string {
  const { name, options } = context.jar.callbackUrl;
  return serializeCookie(name, url, options);
}
