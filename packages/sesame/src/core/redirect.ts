/**
 * Where to send the user after signing in or out. Every destination passes through the `redirect`
 * callback, whose default allows only this app's origin, so `callbackUrl` cannot be used as an open redirect.
 */
import type { RequestContext } from "./context.js";
import { serializeCookie } from "./cookies/serialize.js";

/** The vetted destination for `requested`, falling back to the callback-url cookie, then to the app's root. */
export async function resolveCallbackUrl(context: RequestContext, requested: string | null | undefined): Promise<string> {
  const url = requested || context.cookies.get(context.jar.callbackUrl.name) || context.origin;
  return context.config.callbacks.redirect({ url, baseUrl: context.origin });
}

/** Remembers the vetted destination across a sign-in that spans several requests. */
export function callbackUrlCookie(context: RequestContext, url: string): string {
  const { name, options } = context.jar.callbackUrl;
  return serializeCookie(name, url, options);
}
