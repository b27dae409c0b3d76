/**
 * `sesame-auth/next`: Sesame in a Next.js app, with Auth.js v5's shape.
 *
 * @example
 * ```ts
 * // auth.ts
 * import Sesame from "sesame-auth/next";
 * export const { handlers, auth, signIn, signOut, update } = Sesame({ providers: [...] });
 * // app/api/auth/[...sesame]/route.ts
 * export const { GET, POST } = handlers;
 * // proxy.ts (Next 16) or middleware.ts (Next 15)
 * export { auth as proxy } from "./auth";
 * ```
 */
import { cookies } from "next/headers.js";
import { Auth, createContext, CredentialsSignin, providerNamed, readSession, requestOf, resolveCallbackUrl, resolveConfig, SesameError, signInPageUrl, signInWith, signOutSession, } from "../core/integration.js";
import { parseSetCookie } from "./cookies.js";
import { runProxy } from "./proxy.js";
import { currentRequestHead } from "./server-request.js";
/**
 * Next.js's `redirect()`, loaded where it is used. The extensionless specifier matters: bundlers map
 * `next/navigation` to its server build, while `next/navigation.js` would pull the client build into route
 * handlers, which Turbopack cannot build. Loaded lazily so plain Node (tests) never needs to resolve it.
 */
async function nextRedirect(url) {
    const { redirect } = await import("next/navigation");
    return redirect(url);
}
/** Writes Sesame's `Set-Cookie` values through Next.js (allowed in Server Actions and Route Handlers). */
async function applyCookies(setCookies) {
    const store = await cookies();
    for (const header of setCookies) {
        const { name, value, ...options } = parseSetCookie(header);
        store.set({ name, value, ...options });
    }
}
/**
 * Sesame for a Next.js app (Auth.js v5's shape): the route `handlers`, `auth` (session in server code, or
 * the proxy), and the Server Action helpers `signIn`, `signOut` and `update`. Also exported as `NextAuth`.
 * `input` is the config, or a function of the request returning it.
 *
 * @example
 * ```ts
 * // auth.ts
 * import Sesame from "sesame-auth/next";
 * import Google from "sesame-auth/providers/google";
 * export const { handlers, auth, signIn, signOut } = Sesame({ providers: [Google()] });
 * // app/api/auth/[...sesame]/route.ts: export const { GET, POST } = handlers;
 * ```
 */
export function Sesame(input) {
    // The config is read on every request: it is awaited only when the app's config function returns a
    // promise, since even an `await` of a plain value costs a promise.
    const configFor = (request) => (typeof input === "function" ? input(request) : input);
    const withConfig = (request, use) => {
        try {
            const config = configFor(request);
            return config instanceof Promise ? config.then(use) : use(config);
        }
        catch (error) {
            return Promise.reject(error);
        }
    };
    const handler = (request) => withConfig(request, (config) => Auth(request, config));
    /**
     * Server Components, Route Handlers' `auth()` and Server Actions know the request by its headers. A config
     * function gets a Request built from them, as it does in route handlers, unless it declares no
     * parameter: then nothing could read it, and reading a session does not pay for building it.
     */
    async function actionContext() {
        const head = await currentRequestHead();
        const request = typeof input === "function" && input.length > 0 ? requestOf(head) : undefined;
        const config = configFor(request);
        return createContext(request ?? head, resolveConfig(config instanceof Promise ? await config : config));
    }
    async function sessionOfServerComponent() {
        // A Server Component cannot send cookies: the renewal waits for the next response that can.
        return (await readSession(await actionContext(), { readOnly: true })).session;
    }
    // Not async itself: wrapping a handler must return the wrapped function, not a promise of it.
    const auth = ((...args) => {
        const [first, second] = args;
        if (typeof first === "function") {
            const wrapped = first;
            return (request, context) => withConfig(request, (config) => runProxy(request, context, config, wrapped));
        }
        if (first instanceof Request)
            return withConfig(first, (config) => runProxy(first, second, config));
        return sessionOfServerComponent();
    });
    async function signIn(providerId, input = {}) {
        const options = input instanceof FormData ? Object.fromEntries([...input].filter((entry) => typeof entry[1] === "string")) : input;
        const { redirectTo, redirect: shouldRedirect = true, ...fields } = options;
        const context = await actionContext();
        const callbackUrl = await resolveCallbackUrl(context, redirectTo ?? "/");
        let destination;
        if (!providerId) {
            destination = signInPageUrl(context, { callbackUrl });
        }
        else {
            const provider = providerNamed(context, providerId);
            const body = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === undefined ? undefined : String(v)]));
            try {
                // The one sign-in dispatch, as the HTTP routes use it. No CSRF token: a server action runs in the
                // app's own process (Next.js checks the action's origin), not from a form another site can post.
                // The email link brings the user back to `redirectTo`, as the other providers do.
                const outcome = await signInWith(context, provider, { ...body, callbackUrl }, callbackUrl);
                await applyCookies(outcome.cookies);
                destination = outcome.redirectTo;
            }
            catch (error) {
                // A wrong password, a rate limit, a provider that is down: back to the sign-in page with the
                // error's code, as the REST routes do. Configuration errors and `redirect: false` callers get the throw.
                if (!(error instanceof SesameError) || error.isConfigurationError || shouldRedirect === false)
                    throw error;
                destination = signInPageUrl(context, { error: error.publicCode, ...(error instanceof CredentialsSignin && { code: error.code }), callbackUrl });
            }
        }
        // Outside any try: Next.js's redirect() works by throwing, and must reach the framework untouched.
        if (shouldRedirect)
            await nextRedirect(destination);
        return destination;
    }
    async function signOut({ redirectTo, redirect: shouldRedirect = true } = {}) {
        const context = await actionContext();
        const { cookies: cleared, redirectTo: destination } = await signOutSession(context, await resolveCallbackUrl(context, redirectTo ?? "/"));
        await applyCookies(cleared);
        if (shouldRedirect)
            await nextRedirect(destination);
        return destination;
    }
    async function update(data) {
        const context = await actionContext();
        const { session, cookies: updated } = await readSession(context, { update: { data } });
        await applyCookies(updated);
        return session;
    }
    return Object.assign((request) => handler(request), { handlers: { GET: handler, POST: handler }, auth, signIn, signOut, update });
}
export { Sesame as NextAuth };
export { getServerSession, withAuth } from "./v4.js";
export { getToken } from "../jwt.js";
export default Sesame;
