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
import type { NextRequest } from "next/server.js";
import {
  Auth,
  createContext,
  CredentialsSignin,
  parseMaxAge,
  providerNamed,
  readSession,
  ReauthenticationRequired,
  recentSessionOf,
  requestOf,
  resolveCallbackUrl,
  resolveConfig,
  serveAuth,
  SesameError,
  signInPageUrl,
  signInWith,
  signOutSession,
  type RequestContext,
  type SesameConfig,
} from "../core/integration.js";
import type { Session } from "../core/types.js";
import { parseSetCookie } from "./cookies.js";
import { isNodeApiCall, serveNodeApi, type NodeApiRequest, type NodeApiResponse } from "./node-api.js";
import { runProxy, type AuthenticatedHandler, type NextAuthRequest } from "./proxy.js";
import { currentRequestHead } from "./server-request.js";

/**
 * The request a wrapped proxy or route handler gets from `auth(handler)`, with `req.auth` (the session or
 * `null`), and the type of such a handler: types only.
 */
export type { NextAuthRequest, AuthenticatedHandler };

/** What a Pages Router API route is called with (`NextApiRequest`, `NextApiResponse`, or Node's own): types only. */
export type { NodeApiRequest, NodeApiResponse };

/** A config, or a function of the request returning one (return the same object each time: it is resolved once per object). */
export type NextConfigInput = SesameConfig | ((request: Request | undefined) => SesameConfig | Promise<SesameConfig>);

/**
 * Options of the server `signIn`: `redirectTo` (default `/`), `redirect: false` to get the URL back,
 * `maxAge` for a re-authentication, and form fields.
 */
export interface SignInOptions {
  /** Where to go after signing in. Default: the page the action was called from is unknown, so `/`. */
  redirectTo?: string;
  /** `false`: return the URL instead of redirecting. */
  redirect?: boolean;
  /**
   * A re-authentication (step-up): the login may be at most this many seconds old. An OpenID Connect
   * provider gets `max_age` (and `prompt=login` for 0) and its ID token's `auth_time` is checked; without a
   * provider, the sign-in page is opened marked with it.
   */
  maxAge?: number;
  /** Credentials (or `email` for email sign-in). */
  [field: string]: string | number | boolean | undefined;
}

/** Options of the server `signOut`: `redirectTo` (default `/`), `redirect: false` to get the URL back. */
export interface SignOutOptions {
  redirectTo?: string;
  redirect?: boolean;
}

/**
 * Step-up ("sudo mode"): `auth({ maxAge })` wants a sign-in no older than `maxAge` seconds. Older, or signed
 * out, the user is sent to sign in again and then back to `redirectTo`.
 *
 * @example
 * ```ts
 * // app/settings/security/page.tsx
 * const session = await auth({ maxAge: 300, redirectTo: "/settings/security" });
 * ```
 */
export interface RecentAuthOptions {
  /** Seconds since the user last authenticated (the token's `auth_time`) that still count as recent. */
  maxAge: number;
  /** Where the user comes back to after signing in again. Default: `/` (a Server Component cannot know its own URL). */
  redirectTo?: string;
}

/** `auth`: the session in server code, the proxy itself, or a wrapper of the app's proxy / route handler. */
export interface AuthFunction {
  /** In Server Components, Route Handlers and Server Actions: the session, or `null`. Never writes cookies. */
  (): Promise<Session | null>;
  /**
   * The session, if the user authenticated within `maxAge` seconds; otherwise a redirect (Next.js's
   * `redirect()`) to the sign-in page, which brings them back to `redirectTo`. For pages and actions that
   * change what protects the account, or move money.
   */
  (options: RecentAuthOptions): Promise<Session>;
  /** As the proxy / middleware: `export { auth as proxy }`, deciding with the `authorized` callback. */
  (request: NextRequest, context?: unknown): Promise<Response>;
  /** Wrapping the app's proxy or route handler, which gets `req.auth`. */
  <Context>(handler: AuthenticatedHandler<Context>): (request: NextRequest, context: Context) => Promise<Response>;
}

/**
 * The route handler itself: in the App Router (NextAuth v4: `const handler = NextAuth(authOptions); export
 * { handler as GET, handler as POST }`), or as a Pages Router API route (`export default NextAuth(authOptions)`
 * in `pages/api/auth/[...nextauth].ts`), where it answers through Node's `res`.
 */
export interface SesameNext {
  (request: Request, context?: unknown): Promise<Response>;
  (req: NodeApiRequest, res: NodeApiResponse): Promise<void>;
  handlers: { GET(request: Request): Promise<Response>; POST(request: Request): Promise<Response> };
  auth: AuthFunction;
  /** `options` may be the action's `FormData` (its `redirectTo` field too), as in Auth.js. */
  signIn(provider?: string, options?: SignInOptions | FormData): Promise<string | undefined>;
  signOut(options?: SignOutOptions): Promise<string | undefined>;
  update(data: Record<string, unknown>): Promise<Session | null>;
}

/**
 * Next.js's `redirect()`, loaded where it is used. The extensionless specifier matters: bundlers map
 * `next/navigation` to its server build, while `next/navigation.js` would pull the client build into route
 * handlers, which Turbopack cannot build. Loaded lazily so plain Node (tests) never needs to resolve it.
 */
async function nextRedirect(url: string): Promise<never> {
  const { redirect } = await import("next/navigation");
  return redirect(url);
}

/** Writes Sesame's `Set-Cookie` values through Next.js (allowed in Server Actions and Route Handlers). */
async function applyCookies(setCookies: readonly string[]): Promise<void> {
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
 * The result is also the route handler itself, for the App Router or a Pages Router API route. NextAuth v4's
 * one-call forms answer a request at once: `NextAuth(req, res, authOptions)` in a Pages Router API route,
 * `NextAuth(request, context, authOptions)` in a route handler.
 *
 * @example
 * ```ts
 * // auth.ts
 * import Sesame from "sesame-auth/next";
 * import Google from "sesame-auth/providers/google";
 * export const { handlers, auth, signIn, signOut } = Sesame({ providers: [Google()] });
 * // app/api/auth/[...sesame]/route.ts: export const { GET, POST } = handlers;
 * // or pages/api/auth/[...nextauth].ts: export default NextAuth(authOptions);
 * ```
 */
export function Sesame(input: NextConfigInput): SesameNext;
export function Sesame(req: NodeApiRequest, res: NodeApiResponse, config: SesameConfig): Promise<void>;
export function Sesame(request: Request, context: unknown, config: SesameConfig): Promise<Response>;
export function Sesame(...args: [NextConfigInput] | [NodeApiRequest, NodeApiResponse, SesameConfig] | [Request, unknown, SesameConfig]): SesameNext | Promise<void> | Promise<Response> {
  if (args.length === 1) return sesameFor(args[0]);
  const [first, second, config] = args;
  // NextAuth v4's one-call form: the app builds the config per request and hands over the request.
  return isNodeApiCall(first, second) ? sesameFor(config)(first, second as NodeApiResponse) : sesameFor(config)(first as Request);
}

function sesameFor(input: NextConfigInput): SesameNext {
  // The config is read on every request: it is awaited only when the app's config function returns a
  // promise, since even an `await` of a plain value costs a promise.
  const configFor = (request?: Request): SesameConfig | Promise<SesameConfig> => (typeof input === "function" ? input(request) : input);
  const withConfig = <Result>(request: Request | undefined, use: (config: SesameConfig) => Promise<Result>): Promise<Result> => {
    try {
      const config = configFor(request);
      return config instanceof Promise ? config.then(use) : use(config);
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const handler = (request: Request) => withConfig(request, (config) => Auth(request, config));
  // `NextAuth(authOptions)` as the route handler itself is next-auth 4's way: its pages use next-auth 4's client.
  const v4Handler = (request: Request) => withConfig(request, (config) => serveAuth(request, config, "v4"));

  /**
   * Server Components, Route Handlers' `auth()` and Server Actions know the request by its headers. A config
   * function gets a Request built from them, as it does in route handlers, unless it declares no
   * parameter: then nothing could read it, and reading a session does not pay for building it.
   */
  async function actionContext(): Promise<RequestContext> {
    const head = await currentRequestHead();
    const request = typeof input === "function" && input.length > 0 ? requestOf(head) : undefined;
    const config = configFor(request);
    return createContext(request ?? head, resolveConfig(config instanceof Promise ? await config : config));
  }

  async function sessionOfServerComponent(): Promise<Session | null> {
    // A Server Component cannot send cookies: the renewal waits for the next response that can.
    return (await readSession(await actionContext(), { readOnly: true })).session;
  }

  async function recentSession({ maxAge, redirectTo = "/" }: RecentAuthOptions): Promise<Session> {
    if (!Number.isFinite(maxAge) || maxAge < 0) throw new TypeError("auth({ maxAge }) takes the seconds a sign-in counts as recent (0 or more).");
    const context = await actionContext();
    let signInUrl: string | undefined;
    try {
      return (await recentSessionOf(context, { maxAge, callbackUrl: redirectTo }, { readOnly: true })).session;
    } catch (error) {
      if (!(error instanceof ReauthenticationRequired) || !error.signInUrl) throw error;
      signInUrl = error.signInUrl;
    }
    // Outside the try: Next.js's redirect() works by throwing. The sign-in page is marked as a
    // re-authentication, so an OpenID Connect provider is asked for a fresh login.
    return nextRedirect(signInUrl);
  }

  // Not async itself: wrapping a handler must return the wrapped function, not a promise of it.
  const auth = ((...args: unknown[]) => {
    const [first, second] = args;
    if (typeof first === "function") {
      const wrapped = first as AuthenticatedHandler<unknown>;
      return (request: NextRequest, context: unknown) => withConfig(request, (config) => runProxy(request, context, config, wrapped));
    }
    if (first instanceof Request) return withConfig(first, (config) => runProxy(first as NextRequest, second, config));
    if (typeof first === "object" && first !== null && "maxAge" in first) return recentSession(first as RecentAuthOptions);
    return sessionOfServerComponent();
  }) as AuthFunction;

  async function signIn(providerId?: string, input: SignInOptions | FormData = {}) {
    const options: SignInOptions = input instanceof FormData ? Object.fromEntries([...input].filter((entry): entry is [string, string] => typeof entry[1] === "string")) : input;
    const { redirectTo, redirect: shouldRedirect = true, ...fields } = options;
    const context = await actionContext();
    const callbackUrl = await resolveCallbackUrl(context, redirectTo ?? "/");
    // A re-authentication stays one on the sign-in page, also when it is shown again with an error.
    const maxAge = parseMaxAge(fields.maxAge)?.toString();
    let destination: string;
    if (!providerId) {
      destination = signInPageUrl(context, { callbackUrl, maxAge });
    } else {
      const provider = providerNamed(context, providerId);
      const body = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === undefined ? undefined : String(v)]));
      try {
        // The one sign-in dispatch, as the HTTP routes use it. No CSRF token: a server action runs in the
        // app's own process (Next.js checks the action's origin), not from a form another site can post.
        // The email link brings the user back to `redirectTo`, as the other providers do.
        const outcome = await signInWith(context, provider, { ...body, callbackUrl }, callbackUrl);
        await applyCookies(outcome.cookies);
        destination = outcome.redirectTo;
      } catch (error) {
        // A wrong password, a rate limit, a provider that is down: back to the sign-in page with the
        // error's code, as the REST routes do. Configuration errors and `redirect: false` callers get the throw.
        if (!(error instanceof SesameError) || error.isConfigurationError || shouldRedirect === false) throw error;
        destination = signInPageUrl(context, { error: error.publicCode, ...(error instanceof CredentialsSignin && { code: error.code }), callbackUrl, maxAge });
      }
    }
    // Outside any try: Next.js's redirect() works by throwing, and must reach the framework untouched.
    if (shouldRedirect) await nextRedirect(destination);
    return destination;
  }

  async function signOut({ redirectTo, redirect: shouldRedirect = true }: SignOutOptions = {}) {
    const context = await actionContext();
    const { cookies: cleared, redirectTo: destination } = await signOutSession(context, await resolveCallbackUrl(context, redirectTo ?? "/"));
    await applyCookies(cleared);
    if (shouldRedirect) await nextRedirect(destination);
    return destination;
  }

  async function update(data: Record<string, unknown>) {
    const context = await actionContext();
    const { session, cookies: updated } = await readSession(context, { update: { data } });
    await applyCookies(updated);
    return session;
  }

  // `NextAuth(authOptions)` used as the handler is next-auth 4's way of mounting it: it answers as next-auth 4
  // does (see `wire`). Called as a Pages Router API route, with Node's (req, res); otherwise with a Request.
  const route = ((request: unknown, res?: unknown) => (isNodeApiCall(request, res) ? serveNodeApi(request, res as NodeApiResponse, v4Handler) : v4Handler(request as Request))) as SesameNext;
  return Object.assign(route, { handlers: { GET: handler, POST: handler }, auth, signIn, signOut, update });
}

export { Sesame as NextAuth };
export { getServerSession, unstable_getServerSession, withAuth, type NextRequestWithAuth, type WithAuthOptions } from "./v4.js";
/**
 * The data model and the option types under the names NextAuth code imports them by, so that
 * `import type { Session, DefaultSession, NextAuthOptions } from "next-auth"` moves over with its specifier
 * changed. These are the very interfaces of `sesame-auth`: `declare module "sesame-auth/next" { interface
 * Session { … } }` augments them, and the callbacks see the result. Types only.
 */
export type { Account, DefaultSession, DefaultUser, Profile, Session, User } from "../core/types.js";
export type { AuthOptions, CallbacksOptions, NextAuthConfig, NextAuthOptions, SesameConfig } from "../core/integration.js";
export { getToken } from "../jwt.js";
/**
 * Auth.js v5's error names, from the module its code imports them from: `AuthError` is `SesameError` (every
 * error Sesame throws, with its `type`), `CredentialsSignin` the one `authorize` throws for a custom `code`.
 *
 * @example
 * ```ts
 * import { AuthError } from "sesame-auth/next";
 * try { await signIn("credentials", formData); }
 * catch (error) { if (error instanceof AuthError && error.type === "CredentialsSignin") return "Invalid credentials"; throw error; }
 * ```
 */
export { SesameError as AuthError, CredentialsSignin } from "../core/integration.js";
export default Sesame;
