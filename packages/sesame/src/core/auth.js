/**
 * `Auth(request, config)`: the whole HTTP API in one function from Request to Response, on Web APIs only,
 * so it runs unchanged on Node, Edge runtimes and Workers. Paths, methods and JSON shapes follow Auth.js's
 * REST API so that existing NextAuth clients work against it.
 */
import { redactingLogger } from "./config/callbacks.js";
import { readEnv } from "./config/env.js";
import { resolveConfig } from "./config/resolve.js";
import { createContext } from "./context.js";
import { assertCsrf } from "./csrf.js";
import { CallbackRouteError, MethodNotAllowed, SesameError, UnknownAction, UntrustedHost } from "./errors.js";
import { json, readBody, redirect, wantsJson } from "./http.js";
import { providerNamed } from "./provider/provider.js";
import { callback } from "./routes/callback.js";
import { getCsrf } from "./routes/csrf.js";
import { getError } from "./routes/error.js";
import { getProviders } from "./routes/providers.js";
import { showSession, updateSession } from "./routes/session.js";
import { getSessions, postRevokeOtherSessions, postRevokeSession } from "./routes/sessions.js";
import { getSignIn, postSignIn } from "./routes/signin.js";
import { getSignOut, postSignOut } from "./routes/signout.js";
import { getVerifyRequest } from "./routes/verify-request.js";
import { errorPageUrl } from "./urls.js";
/** The HTTP API: each route's methods and what is checked before its handlers run. Exported for the tests that walk it. */
export const ROUTES = {
    session: { GET: showSession, POST: updateSession, api: true },
    csrf: { GET: getCsrf, api: true },
    providers: { GET: getProviders, api: true },
    signin: { GET: getSignIn },
    "signin/:provider": { POST: postSignIn, provider: "required" },
    "callback/:provider": {
        GET: callback,
        POST: callback,
        provider: "required",
        csrfExempt: {
            providerTypes: ["oauth", "oidc", "email"],
            reason: "The provider posts here (response_mode=form_post), and it cannot know the browser's CSRF token: the sign-in's " +
                "state, PKCE and nonce, bound to this browser's check cookie, prove it answers a sign-in this browser started. " +
                "An email link's single-use token is its own proof. Credentials forms posting here are checked.",
        },
    },
    signout: { GET: getSignOut, POST: postSignOut },
    sessions: { GET: getSessions, api: true },
    "sessions/revoke": { POST: postRevokeSession, api: true },
    "sessions/revoke-others": { POST: postRevokeOtherSessions, api: true },
    error: { GET: getError },
    "verify-request": { GET: getVerifyRequest },
};
/**
 * Handles a request to the auth API.
 *
 * @example
 * ```ts
 * import { Auth } from "sesame-auth";
 * import Credentials from "sesame-auth/providers/credentials";
 *
 * const config = { providers: [Credentials({ authorize: async (c) => findUser(c) })] };
 * export default { fetch: (request: Request) => Auth(request, config) };
 * ```
 */
export async function Auth(request, config) {
    let context;
    let body;
    let route;
    try {
        context = createContext(request, resolveConfig(config));
        const { route: matched, providerId } = match(context);
        route = matched;
        const method = request.method === "HEAD" ? "GET" : request.method;
        const handler = method === "GET" || method === "POST" ? bind(context, matched, method, providerId) : undefined;
        if (!handler) {
            const allow = ["GET", "POST"].filter((m) => matched[m]);
            throw new MethodNotAllowed(allow, `${request.method} is not allowed here; use ${allow.join(" or ")}.`);
        }
        if (method === "POST") {
            body = await readBody(request);
            // Checked here, where the request enters, for every POST the route table does not exempt.
            if (!isCsrfExempt(matched, handler.provider))
                await assertCsrf(context, body.csrfToken);
        }
        return await handler.handle(body ?? {});
    }
    catch (error) {
        return errorResponse(error, request, { context, route, body, logger: context?.config.logger ?? redactingLogger(config.logger ?? {}) });
    }
}
/**
 * The route's handler for `method`, given the provider the path names (an unknown provider is a 404), or
 * undefined when the route does not answer that method.
 */
function bind(context, route, method, providerId) {
    if (!route.provider) {
        const handler = route[method];
        return handler && { handle: (body) => handler(context, body) };
    }
    const handler = route[method];
    if (!handler)
        return undefined;
    const provider = providerNamed(context, providerId);
    return { provider, handle: (body) => handler(context, body, provider) };
}
function isCsrfExempt({ csrfExempt }, provider) {
    if (!csrfExempt)
        return false;
    return !csrfExempt.providerTypes || (provider !== undefined && csrfExempt.providerTypes.includes(provider.type));
}
function match(context) {
    const { pathname } = context.url;
    const { basePath } = context.config;
    const rest = pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length + 1) : undefined;
    const [action = "", providerSegment, ...extra] = (rest ?? "").split("/");
    const route = providerSegment === undefined ? ROUTES[action] : (ROUTES[`${action}/${providerSegment}`] ?? ROUTES[`${action}/:provider`]);
    if (rest === undefined || !route || extra.length > 0 || (route.provider && !providerSegment)) {
        throw new UnknownAction(`No auth route at ${pathname}. The routes live under ${basePath}/ (session, csrf, signin, …).`);
    }
    let providerId = "";
    try {
        providerId = providerSegment ? decodeURIComponent(providerSegment) : "";
    }
    catch {
        throw new UnknownAction(`The provider id in ${pathname} is not valid.`);
    }
    return { route, providerId };
}
/**
 * Turns any failure into a response without internals: JSON (with `error`, `message` and, for clients that
 * navigate themselves, the error page `url`) for programs, a redirect to the error page for browsers.
 * Configuration errors are logged in full and shown only as `Configuration`.
 */
function errorResponse(error, request, { context, route, body, logger }) {
    const known = error instanceof SesameError ? error : new CallbackRouteError("Unexpected error while handling an auth request.", { cause: error });
    const code = known.publicCode;
    if (known.status >= 500)
        logger.error(known);
    else
        logger.debug(`${known.type}: ${known.message}`);
    const headers = new Headers(known.headers);
    const errorPage = context && !(known instanceof UntrustedHost) ? errorPageUrl(context, code) : undefined;
    const browserNavigation = route && !route.api && !wantsJson(request, body) && !(request.headers.get("content-type") ?? "").includes("json");
    if (errorPage && browserNavigation && route !== ROUTES.error && known.status !== 405) {
        return redirect(errorPage, false, headers);
    }
    const message = code === "Configuration" && known.isConfigurationError ? configurationHint(known) : known.message;
    return json({ error: code, message, ...(errorPage && wantsJson(request, body) && { url: errorPage }) }, { status: known.status, headers });
}
/** Configuration details help the developer; in production they stay in the logs. */
function configurationHint(error) {
    return readEnv().NODE_ENV === "production" ? "The server is not configured correctly; see its logs." : `${error.type}: ${error.message}`;
}
