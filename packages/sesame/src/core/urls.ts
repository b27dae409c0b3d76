/** URLs of the pages Sesame sends people to: the app's own when configured, the built-in ones otherwise. */
import type { RequestContext } from "./context.js";

function withParams(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
  return url.href;
}

export function signInPageUrl(context: RequestContext, params: { error?: string; code?: string; callbackUrl?: string } = {}): string {
  return withParams(new URL(context.config.pages.signIn ?? `${context.authBase}/signin`, context.origin).href, params);
}

export function errorPageUrl(context: RequestContext, code: string): string {
  return withParams(new URL(context.config.pages.error ?? `${context.authBase}/error`, context.origin).href, { error: code });
}
