/**
 * The NextAuth v4 API over Sesame, so that v4 code moves over by changing import specifiers:
 * `getServerSession(authOptions)`, `withAuth` middleware, and (in index.ts) `NextAuth(authOptions)` as a
 * route handler.
 */
import { NextResponse } from "next/server.js";
import { getSession, requestHeadOf, resolveConfig, signInUrlFor } from "../core/integration.js";
import { getToken } from "../jwt.js";
import { withSessionCookies } from "./proxy.js";
import { currentRequestHead } from "./server-request.js";
export async function getServerSession(...args) {
    if (args.length === 1)
        return (await getSession(await currentRequestHead(), args[0], { readOnly: true })).session;
    const [req, res, config] = args;
    const { session, cookies } = await getSession(requestHeadOf(req), config);
    if (cookies.length) {
        const existing = res.getHeader?.("set-cookie");
        res.setHeader("set-cookie", [...(Array.isArray(existing) ? existing.map(String) : existing ? [String(existing)] : []), ...cookies]);
    }
    return session;
}
let warnedWithoutConfig = false;
/**
 * NextAuth v4's middleware: lets a request through when `authorized({ token })` (default: there is a
 * session token) and calls your middleware with `req.nextauth.token`; otherwise redirects to sign-in.
 * Pass the app's `config` so that signed-out and revoked sessions are refused (see `WithAuthOptions`).
 *
 * @example
 * ```ts
 * import { authOptions } from "./auth";
 * export default withAuth(function middleware(req) { … }, { config: authOptions, callbacks: { authorized: ({ token }) => !!token } });
 * ```
 */
export function withAuth(middleware, options = {}) {
    const [handler, settings] = typeof middleware === "function" ? [middleware, options] : [undefined, middleware ?? options];
    if (!settings.config && !warnedWithoutConfig) {
        warnedWithoutConfig = true;
        console.warn("[sesame][WithAuthWithoutConfig] withAuth() has no `config`: it can only decrypt the session token, so signed-out or " +
            "revoked sessions and the `jwt` callback's verdict are not checked. Pass { config: authOptions }.");
    }
    return async (request, event) => {
        const { config } = settings;
        const resolved = config && resolveConfig(config);
        const state = config
            ? await getSession(request, config)
            : { token: await getToken({ req: request, secret: settings.secret, secureCookie: request.nextUrl.protocol === "https:" }), cookies: [] };
        const { token } = state;
        const authorized = settings.callbacks?.authorized ? await settings.callbacks.authorized({ token, req: request }) : Boolean(token);
        let response;
        if (!authorized) {
            const basePath = resolved?.basePath ?? "/api/auth";
            const signIn = signInUrlFor({ signIn: settings.pages?.signIn ?? resolved?.pages.signIn, base: basePath, origin: request.nextUrl.origin });
            // The sign-in page itself must stay reachable.
            if (request.nextUrl.pathname !== signIn.pathname) {
                signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
                response = NextResponse.redirect(signIn);
            }
        }
        if (!response) {
            const authed = Object.assign(request, { nextauth: { token } });
            response = (await handler?.(authed, event)) ?? NextResponse.next();
        }
        return withSessionCookies(response, request, state.cookies);
    };
}
