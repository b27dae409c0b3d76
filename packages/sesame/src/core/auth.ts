/**
 * `Auth(request, config)`: the whole HTTP API in one function from Request to Response, on Web APIs only,
 * so it runs unchanged on Node, Edge runtimes and Workers. Paths, methods and JSON shapes follow Auth.js's
 * REST API so that existing NextAuth clients work against it.
 */
import { getSecondFactor, getSecurity, postBackupCodes, postConfirmTotp, postDisableTwoFactor, postForgetDevice, postSecondFactor, postSecondFactorPasskeyOptions, postStartTotp } from "./routes/second-factor.js";
import { redactingLogger } from "./config/callbacks.js";
import { readEnv } from "./config/env.js";
import type { Logger, SesameConfig, Wire } from "./config/options.js";
import { resolveConfig } from "./config/resolve.js";
import { createContext, type RequestContext } from "./context.js";
import { assertCsrf } from "./csrf.js";
import { CallbackRouteError, MethodNotAllowed, SesameError, UnknownAction, UntrustedHost } from "./errors.js";
import { json, readBody, redirect, wantsJson, type Body } from "./http.js";
import { providerNamed, type Provider } from "./provider/provider.js";
import {
  getResetPassword,
  getSignUp,
  getVerifyEmail,
  postChangeEmail,
  postChangePassword,
  postResendVerification,
  postResetPassword,
  postResetRequest,
  postSignUp,
  postVerifyEmail,
} from "./routes/accounts.js";
import { callback } from "./routes/callback.js";
import { getPasskeyList, postAuthenticationOptions, postDeletePasskey, postRegister, postRegistrationOptions, postRenamePasskey } from "./routes/passkeys.js";
import { getCsrf } from "./routes/csrf.js";
import { getError } from "./routes/error.js";
import { postLog } from "./routes/log.js";
import { getProviders } from "./routes/providers.js";
import { showSession, updateSession } from "./routes/session.js";
import { getSessions, postRevokeOtherSessions, postRevokeSession } from "./routes/sessions.js";
import { getSignIn, postSignIn } from "./routes/signin.js";
import { getSignOut, postSignOut } from "./routes/signout.js";
import { getVerifyRequest } from "./routes/verify-request.js";
import type { ProviderType } from "./types.js";
import { errorPageUrl } from "./urls.js";

type Handler = (context: RequestContext, body: Body) => Response | Promise<Response>;
/** A handler of a route whose path names a provider: it gets the provider, already looked up. */
type ProviderHandler = (context: RequestContext, body: Body, provider: Provider) => Response | Promise<Response>;

/**
 * Why a route's POST is not CSRF-checked before its handler runs, and for which kinds of provider. Every
 * other POST must carry the signed double-submit token (csrf.ts): the dispatcher checks it, so no handler
 * checks it or can forget to. An exemption is the one way a state-changing request gets in without that
 * proof, so it says what protects the request instead.
 */
export interface CsrfExemption {
  /** What protects the request instead of the token. */
  reason: string;
  /** Only for providers of these kinds (on a route that takes a provider); absent: the route's every POST. */
  providerTypes?: readonly ProviderType[];
}

interface RouteOptions {
  /** Routes read by programs answer errors with JSON; pages and form posts redirect to the error page. */
  api?: boolean;
  /** Absent: the route's POST is CSRF-checked. */
  csrfExempt?: CsrfExemption;
}

/** A route at a fixed path, or one whose second path segment names a provider (`/callback/:provider`). */
export type Route = RouteOptions & ({ provider?: undefined; GET?: Handler; POST?: Handler } | { provider: "required"; GET?: ProviderHandler; POST?: ProviderHandler });

/** The HTTP API: each route's methods and what is checked before its handlers run. Exported for the tests that walk it. */
export const ROUTES: Readonly<Record<string, Route>> = {
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
      providerTypes: ["oauth", "oidc"],
      reason:
        "The provider posts here (response_mode=form_post), and it cannot know the browser's CSRF token: the sign-in's " +
        "state, PKCE and nonce, bound to this browser's check cookie, prove it answers a sign-in this browser started. " +
        "Credentials forms, email one-time codes and passkey answers posting here are checked; an email link is a GET.",
    },
  },
  signout: { GET: getSignOut, POST: postSignOut },
  sessions: { GET: getSessions, api: true },
  "sessions/revoke": { POST: postRevokeSession, api: true },
  "sessions/revoke-others": { POST: postRevokeOtherSessions, api: true },
  error: { GET: getError },
  signup: { GET: getSignUp },
  "signup/:provider": { POST: postSignUp, provider: "required" },
  "verify-email": { GET: getVerifyEmail, POST: postVerifyEmail },
  "reset-password": { GET: getResetPassword, POST: postResetPassword },
  "reset-password/request": { POST: postResetRequest },
  "account/password": { POST: postChangePassword, api: true },
  "account/email": { POST: postChangeEmail, api: true },
  "account/verify-email": { POST: postResendVerification, api: true },
  "passkey/registration-options": { POST: postRegistrationOptions, api: true },
  "passkey/register": { POST: postRegister, api: true },
  "passkey/authentication-options": { POST: postAuthenticationOptions, api: true },
  "passkey/list": { GET: getPasskeyList, api: true },
  "passkey/rename": { POST: postRenamePasskey, api: true },
  "passkey/delete": { POST: postDeletePasskey, api: true },
  "verify-request": { GET: getVerifyRequest },
  "second-factor": { GET: getSecondFactor, POST: postSecondFactor },
  "second-factor/passkey-options": { POST: postSecondFactorPasskeyOptions, api: true },
  "account/security": { GET: getSecurity, api: true },
  "two-factor/enrol": { POST: postStartTotp, api: true },
  "two-factor/confirm": { POST: postConfirmTotp, api: true },
  "two-factor/backup-codes": { POST: postBackupCodes, api: true },
  "two-factor/disable": { POST: postDisableTwoFactor, api: true },
  "account/forget-device": { POST: postForgetDevice, api: true },
  _log: {
    POST: postLog,
    api: true,
    csrfExempt: {
      reason:
        "next-auth 4's browser client beacons its errors here without a CSRF token. The route changes nothing and " +
        "writes at most one short, printable debug line, so a forged post can do no more than the client's own.",
    },
  },
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
export function Auth(request: Request, config: SesameConfig): Promise<Response> {
  return serveAuth(request, config);
}

/**
 * `Auth()` for a framework binding that knows more about the app's clients than the request says:
 * `mountedAs` is the NextAuth generation the way the app mounted the handler stands for (the `wire` option
 * still wins).
 */
export async function serveAuth(request: Request, config: SesameConfig, mountedAs?: Wire): Promise<Response> {
  let context: RequestContext | undefined;
  let body: Body | undefined;
  let route: Route | undefined;
  try {
    context = createContext(request, resolveConfig(config), mountedAs);
    const { route: matched, providerId } = match(context);
    route = matched;
    const method = request.method === "HEAD" ? "GET" : request.method;
    const handler = method === "GET" || method === "POST" ? bind(context, matched, method, providerId) : undefined;
    if (!handler) {
      const allow = (["GET", "POST"] as const).filter((m) => matched[m]);
      throw new MethodNotAllowed(allow, `${request.method} is not allowed here; use ${allow.join(" or ")}.`);
    }
    if (method === "POST") {
      body = await readBody(request);
      // Checked here, where the request enters, for every POST the route table does not exempt.
      if (!isCsrfExempt(matched, handler.provider)) await assertCsrf(context, body.csrfToken);
    }
    return await handler.handle(body ?? {});
  } catch (error) {
    return errorResponse(error, request, { context, route, body, logger: context?.config.logger ?? redactingLogger(config.logger ?? {}) });
  }
}

interface BoundHandler {
  handle(body: Body): Response | Promise<Response>;
  /** The provider the path names, for routes that take one. */
  provider?: Provider;
}

/**
 * The route's handler for `method`, given the provider the path names (an unknown provider is a 404), or
 * undefined when the route does not answer that method.
 */
function bind(context: RequestContext, route: Route, method: "GET" | "POST", providerId: string): BoundHandler | undefined {
  if (!route.provider) {
    const handler = route[method];
    return handler && { handle: (body) => handler(context, body) };
  }
  const handler = route[method];
  if (!handler) return undefined;
  const provider = providerNamed(context, providerId);
  return { provider, handle: (body) => handler(context, body, provider) };
}

function isCsrfExempt({ csrfExempt }: Route, provider: Provider | undefined): boolean {
  if (!csrfExempt) return false;
  return !csrfExempt.providerTypes || (provider !== undefined && csrfExempt.providerTypes.includes(provider.type));
}

function match(context: RequestContext): { route: Route; providerId: string } {
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
  } catch {
    throw new UnknownAction(`The provider id in ${pathname} is not valid.`);
  }
  return { route, providerId };
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
  const code = known.publicCode;
  if (known.status >= 500) logger.error(known);
  else logger.debug(`${known.type}: ${known.message}`);

  const headers = new Headers(known.headers);
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
