/** URLs of the pages Sesame sends people to: the app's own when configured, the built-in ones otherwise. */
import type { RequestContext } from "./context.js";

type PageParams = Record<string, string | undefined>;

function withParams(url: URL, params: PageParams): URL {
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
  return url;
}

/**
 * The sign-in page: the app's own (`pages.signIn`), else the built-in one at `<base>/signin`, resolved
 * against `origin`, with each of `params` that has a value set. `base` is the auth routes' base, absolute
 * (`authBase`) or a path (`basePath`). The one rule for the routes, `signIn()` and the Next.js proxies.
 */
export function signInUrlFor(page: { signIn: string | undefined; base: string; origin: string }, params: PageParams = {}): URL {
  return withParams(new URL(page.signIn ?? `${page.base}/signin`, page.origin), params);
}

/** `maxAge`: the sign-in is a re-authentication (step-up), see step-up-marker.ts. */
export function signInPageUrl(context: RequestContext, params: { error?: string; code?: string; callbackUrl?: string; maxAge?: string } = {}): string {
  return signInUrlFor({ signIn: context.config.pages.signIn, base: context.authBase, origin: context.origin }, params).href;
}

export function errorPageUrl(context: RequestContext, code: string): string {
  return withParams(new URL(context.config.pages.error ?? `${context.authBase}/error`, context.origin), { error: code }).href;
}

/**
 * The "check your email" page: the app's own (`pages.verifyRequest`), else the built-in one, with each of
 * `params` that has a value set (`provider`, `type`; with codes, `email`, and `error` after a refused code).
 */
export function verifyRequestPageUrl(context: RequestContext, params: PageParams): string {
  return withParams(new URL(context.config.pages.verifyRequest ?? `${context.authBase}/verify-request`, context.origin), params).href;
}
