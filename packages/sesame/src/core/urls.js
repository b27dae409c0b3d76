function withParams(url, params) {
    for (const [key, value] of Object.entries(params))
        if (value)
            url.searchParams.set(key, value);
    return url;
}
/**
 * The sign-in page: the app's own (`pages.signIn`), else the built-in one at `<base>/signin`, resolved
 * against `origin`, with each of `params` that has a value set. `base` is the auth routes' base, absolute
 * (`authBase`) or a path (`basePath`). The one rule for the routes, `signIn()` and the Next.js proxies.
 */
export function signInUrlFor(page, params = {}) {
    return withParams(new URL(page.signIn ?? `${page.base}/signin`, page.origin), params);
}
export function signInPageUrl(context, params = {}) {
    return signInUrlFor({ signIn: context.config.pages.signIn, base: context.authBase, origin: context.origin }, params).href;
}
export function errorPageUrl(context, code) {
    return withParams(new URL(context.config.pages.error ?? `${context.authBase}/error`, context.origin), { error: code }).href;
}
