/**
 * `Auth(request, config)`: the whole HTTP API in one function from Request to Response, on Web APIs only,
 * so it runs unchanged on Node, Edge runtimes and Workers. Paths, methods and JSON shapes follow Auth.js's
 * REST API so that existing NextAuth clients work against it.
 */
import { readEnv, redactingLogger, resolveConfig, type Logger, type SesameConfig } from "./config.js";
import { createContext, type RequestContext } from "./context.js";
import { CallbackRouteError, MethodNotAllowed, RateLimited, SesameError, UnknownAction, UntrustedHost, publicErrorCode } from "./errors.js";
import { json, readBody, redirect, wantsJson, type Body } from "./http.js";
import { callback } from "./routes/callback.js";
import { getCsrf } from "./routes/csrf.js";
import { getError } from "./routes/error.js";
import { getProviders } from "./routes/providers.js";
import { getSession, updateSession } from "./routes/session.js";
import { getSessions, postRevokeOtherSessions, postRevokeSession } from "./routes/sessions.js";
import { getSignIn, postSignIn } from "./routes/signin.js";
import { getSignOut, postSignOut } from "./routes/signout.js";
import { getVerifyRequest } from "./routes/verify-request.js";
import { errorPageUrl } from "./urls.js";

type Handler = (context: RequestContext, provider: string, body: Body) => Response | Promise<Response>;

interface Route {
  GET?: Handler;
  POST?: Handler;
  /** Whether the route takes a provider id as its second path segment (`/callback/:provider`). */
  provider?: "required";
  /** Routes read by programs answer errors with JSON; pages and form posts redirect to the error page. */
  api?: boolean;
}

const ROUTES: Record<string, Route> = {
  session: { GET: getSession, POST: (c, _p, b) => updateSession(c, b), api: true },
  csrf: { GET: getCsrf, api: true },
  providers: { GET: getProviders, api: true },
  signin: { GET: getSignIn },
  "signin/:provider": { POST: postSignIn, provider: "required" },
  "callback/:provider": { GET: callback, POST: callback, provider: "required" },
  signout: { GET: getSignOut, POST: (c, _p, b) => postSignOut(c, b) },
  sessions: { GET: getSessions, api: true },
  "sessions/revoke": { POST: (c, _p, b) => postRevokeSession(c, b), api: true },
  "sessions/revoke-others": { POST: (c, _p, b) => postRevokeOtherSessions(c, b), api: true },
  error: { GET: getError },
  "verify-request": { GET: getVerifyRequest },
};

/**
 * Handles a request to the auth API.
 *
 * @example
 * ```ts
 * import { Auth } from "sesame";
 * import Credentials from "sesame/providers/credentials";
 *
 * const config = { providers: [Credentials({ authorize: async (c) => findUser(c) })] };
 * export default { fetch: (request: Request) => Auth(request, config) };
 * ```
 */
export async function Auth(request: Request, config: SesameConfig): Promise<Response> {
  let context: RequestContext | undefined;
  let body: Body | undefined;
  let route: Route | undefined;
  try {
    context = createContext(request, resolveConfig(config));
    const { route: matched, provider } = match(context);
    route = matched;
    const method = request.method === "HEAD" ? "GET" : request.method;
    const handler = method === "GET" || method === "POST" ? matched[method] : undefined;
    if (!handler) {
      const allow = (["GET", "POST"] as const).filter((m) => matched[m]);
      throw new MethodNotAllowed(allow, `${request.method} is not allowed here; use ${allow.join(" or ")}.`);
    }
    if (method === "POST") body = await readBody(request);
    return await handler(context, provider, body ?? {});
  } catch (error) {
    return errorResponse(error, request, { context, route, body, logger: context?.config.logger ?? redactingLogger(config.logger ?? {}) });
  }
}

function match(context: RequestContext): { route: Route; provider: string } {
  const { pathname } = context.url;
  const { basePath } = context.config;
  const rest = pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length + 1) : undefined;
  const [action = "", providerSegment, ...extra] = (rest ?? "").split("/");
  const route = providerSegment === undefined ? ROUTES[action] : (ROUTES[`${action}/${providerSegment}`] ?? ROUTES[`${action}/:provider`]);
  if (rest === undefined || !route || extra.length > 0 || (route.provider && !providerSegment)) {
    throw new UnknownAction(`No auth route at ${pathname}. The routes live under ${basePath}/ (session, csrf, signin, …).`);
  }
  let provider = "";
  try {
    provider = providerSegment ? decodeURIComponent(providerSegment) : "";
  } catch {
    throw new UnknownAction(`The provider id in ${pathname} is not valid.`);
  }
  return { route, provider };
}

/**
 * Turns any failure into a response without internals: JSON (with `error`, `message` and, for clients that
 * navigate themselves, the error page `url`) for programs, a redirect to the error page for browsers.
 * Configuration errors are logged in full and shown only as `Configuration`.
 */
function errorResponse(
  error: unknown,
  request: Request,
  { context, route, body, logger }: { context?: RequestContext; route?: Route; body?: Body; logger: Logger },
): Response {
  const known =
    error instanceof SesameError ? error : new CallbackRouteError("Unexpected error while handling an auth request.", { cause: error });
  const code = publicErrorCode(known);
  if (known.status >= 500) logger.error(known);
  else logger.debug(`${known.type}: ${known.message}`);

  const headers = new Headers();
  if (known instanceof MethodNotAllowed) headers.set("allow", known.allow.join(", "));
  if (known instanceof RateLimited) headers.set("retry-after", String(known.retryAfter));
  const errorPage = context && !(known instanceof UntrustedHost) ? errorPageUrl(context, code) : undefined;
  const browserNavigation =
    route && !route.api && !wantsJson(request, body) && !(request.headers.get("content-type") ?? "").includes("json");
  if (errorPage && browserNavigation && route !== ROUTES.error && known.status !== 405) {
    return redirect(errorPage, false, headers);
  }
  const message = code === "Configuration" && known.isConfigurationError ? configurationHint(known) : known.message;
  return json({ error: code, message, ...(errorPage && wantsJson(request, body) && { url: errorPage }) }, { status: known.status, headers });
}

/** Configuration details help the developer; in production they stay in the logs. */
function configurationHint(error: SesameError): string {
  return readEnv().NODE_ENV === "production" ? "The server is not configured correctly; see its logs." : `${error.type}: ${error.message}`;
}
