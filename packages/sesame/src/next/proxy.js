/**
 * Sesame as the Next.js proxy (`proxy.ts`, Next 16) or middleware (`middleware.ts`, Next 15 / Edge): it
 * reads — and renews or refreshes — the session once per request, lets the `authorized` callback or the
 * app's own function decide, and makes the page rendered for this very request see the renewed cookie.
 */
import { NextResponse } from "next/server.js";
import { getSession, resolveConfig, signInUrlFor } from "../core/integration.js";
import { cookieHeaderAfter } from "./cookies.js";
export async function runProxy(request, context, config, handler) {
    const state = await getSession(request, config);
    const authed = Object.assign(request, { auth: state.session });
    let response;
    if (handler) {
        response = await handler(authed, context);
    }
    else {
        const verdict = await resolveConfig(config).callbacks.authorized({ auth: state.session, request });
        if (verdict instanceof Response)
            response = verdict;
        else if (verdict === false)
            response = NextResponse.redirect(signInUrl(request, config));
    }
    return withSessionCookies(response ?? NextResponse.next(), request, state.cookies);
}
/** `response` carrying the session's renewed or cleared cookies, which the render of this request sees too. */
export function withSessionCookies(response, request, setCookies) {
    if (!setCookies.length)
        return response;
    let writable = response;
    try {
        for (const cookie of setCookies)
            writable.headers.append("set-cookie", cookie);
    }
    catch {
        // `Response.redirect()` and `Response.error()` have immutable headers: appending throws, which would turn
        // the app's redirect into a 500 and drop the cookie that clears a revoked session. A copy is writable.
        writable = new Response(response.body, response);
        for (const cookie of setCookies)
            writable.headers.append("set-cookie", cookie);
    }
    forwardCookiesToRender(writable, request, setCookies);
    return writable;
}
/** The sign-in page, coming back to where the user was going. */
export function signInUrl(request, config) {
    const { pages, basePath } = resolveConfig(config);
    return signInUrlFor({ signIn: pages.signIn, base: basePath, origin: request.nextUrl.origin }, { callbackUrl: request.nextUrl.pathname + request.nextUrl.search });
}
/**
 * For a response that lets the request through (`NextResponse.next()`), rewrites the request's cookie
 * header the way Next.js passes modified request headers on (`x-middleware-override-headers`), so the
 * render of this request reads the renewed session rather than the one the browser sent.
 */
function forwardCookiesToRender(response, request, setCookies) {
    if (response.headers.get("x-middleware-next") !== "1")
        return;
    const listed = response.headers.get("x-middleware-override-headers");
    const names = listed ? listed.split(",") : [...request.headers.keys()];
    if (!listed)
        for (const name of names)
            response.headers.set(`x-middleware-request-${name}`, request.headers.get(name) ?? "");
    if (!names.includes("cookie"))
        names.push("cookie");
    const current = listed ? response.headers.get("x-middleware-request-cookie") : request.headers.get("cookie");
    response.headers.set("x-middleware-request-cookie", cookieHeaderAfter(current, setCookies));
    response.headers.set("x-middleware-override-headers", names.join(","));
}
