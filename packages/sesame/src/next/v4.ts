/**
 * The NextAuth v4 API over Sesame, so that v4 code moves over by changing import specifiers:
 * `getServerSession(authOptions)`, `withAuth` middleware, and (in index.ts) `NextAuth(authOptions)` as a
 * route handler.
 */
import { NextResponse, type NextRequest } from "next/server.js";
import { getSession, requestHeadOf, resolveConfig, resolveSecrets, SesameError, signInUrlFor, type RequestLike, type SesameConfig } from "../core/integration.js";
import type { JWT, Session } from "../core/types.js";
import { getToken } from "../jwt.js";
import { withSessionCookies } from "./proxy.js";
import { currentRequestHead } from "./server-request.js";

interface NodeResponseLike {
  getHeader?(name: string): unknown;
  setHeader(name: string, value: string | string[]): unknown;
}

/**
 * The session on the server, as in NextAuth v4: `getServerSession(authOptions)` in the App Router, or
 * `getServerSession(req, res, authOptions)` in the Pages Router (where a renewed cookie is set on `res`).
 *
 * @example
 * ```ts
 * import { getServerSession } from "sesame-auth/next";
 * import { authOptions } from "@/auth";
 * const session = await getServerSession(authOptions);
 * if (!session) redirect("/api/auth/signin");
 * ```
 */
export async function getServerSession(config: SesameConfig): Promise<Session | null>;
export async function getServerSession(req: RequestLike, res: NodeResponseLike, config: SesameConfig): Promise<Session | null>;
export async function getServerSession(...args: [SesameConfig] | [RequestLike, NodeResponseLike, SesameConfig]): Promise<Session | null> {
  if (args.length === 1) return (await getSession(await currentRequestHead(), args[0], { readOnly: true })).session;
  const [req, res, config] = args;
  const { session, cookies } = await getSession(requestHeadOf(req), config);
  if (cookies.length) {
    const existing = res.getHeader?.("set-cookie");
    res.setHeader("set-cookie", [...(Array.isArray(existing) ? existing.map(String) : existing ? [String(existing)] : []), ...cookies]);
  }
  return session;
}

/**
 * NextAuth v4's earlier name of `getServerSession` (deprecated there, kept so that code using it moves
 * over unchanged): the same function.
 *
 * @example
 * ```ts
 * import { unstable_getServerSession } from "sesame-auth/next";
 * export async function getServerSideProps({ req, res }) {
 *   return { props: { session: await unstable_getServerSession(req, res, authOptions) } };
 * }
 * ```
 */
export const unstable_getServerSession = getServerSession;

interface WithAuthCommon {
  callbacks?: { authorized?(params: { token: JWT | null; req: NextRequest }): boolean | Promise<boolean> };
  pages?: { signIn?: string; error?: string };
}

/** Options of `withAuth`: the app's `config` (recommended) or a `secret`, the `authorized` callback, and `pages`. */
export type WithAuthOptions = WithAuthCommon &
  (
    | {
        /**
         * The app's config (NextAuth v4's `authOptions`). The token is then read as a session is: a signed-out
         * or revoked token, or one the `jwt` callback refuses, is no token, and a renewed or cleared session
         * cookie goes out with the response. Its secret, cookie names and sign-in page are used.
         */
        config: SesameConfig;
        secret?: never;
      }
    | {
        config?: undefined;
        /**
         * Without `config`, the token is only decrypted (default secret: `AUTH_SECRET` / `NEXTAUTH_SECRET`):
         * sign-out, `revokeUserSessions` and the `jwt` callback's verdict cannot be checked, so a signed-out
         * token passes until it expires. Pass `config` instead; withAuth warns once when it is missing.
         */
        secret?: string | string[];
      }
  );

/** The request `withAuth` passes to the app's middleware, with `req.nextauth.token`. */
export type NextRequestWithAuth = NextRequest & { nextauth: { token: JWT | null } };
type Middleware = (request: NextRequestWithAuth, event?: unknown) => Response | undefined | Promise<Response | undefined>;

let warnedWithoutConfig = false;

/** Middleware as `withAuth` returns it, or `withAuth` itself used as the middleware. */
export type WithAuthMiddleware = (request: NextRequest, event?: unknown) => Promise<Response>;

/**
 * NextAuth v4's middleware: lets a request through when `authorized({ token })` (default: there is a
 * session token) and calls your middleware with `req.nextauth.token`; otherwise redirects to the sign-in
 * page with `callbackUrl`. The auth routes, the sign-in and error pages, `/_next/…` and `/favicon.ico` are
 * always let through. Used as the middleware itself (`export default withAuth`, or
 * `export { default } from "sesame-auth/middleware"`), it reads the token with `AUTH_SECRET` / `NEXTAUTH_SECRET`.
 * Pass the app's `config` so that signed-out and revoked sessions are refused (see `WithAuthOptions`).
 *
 * @example
 * ```ts
 * import { authOptions } from "./auth";
 * export default withAuth(function middleware(req) { … }, { config: authOptions, callbacks: { authorized: ({ token }) => !!token } });
 * ```
 */
export function withAuth(request: NextRequest, event?: unknown): Promise<Response>;
export function withAuth(middleware: Middleware, options?: WithAuthOptions): WithAuthMiddleware;
export function withAuth(options?: WithAuthOptions): WithAuthMiddleware;
export function withAuth(first?: NextRequest | Middleware | WithAuthOptions, second?: unknown): WithAuthMiddleware | Promise<Response> {
  if (first instanceof Request) {
    warnWithoutConfig();
    return protect(first, second, {});
  }
  const [handler, settings] = typeof first === "function" ? [first, (second as WithAuthOptions | undefined) ?? {}] : [undefined, first ?? {}];
  if (!settings.config) warnWithoutConfig();
  return (request, event) => protect(request, event, settings, handler);
}

function warnWithoutConfig() {
  if (warnedWithoutConfig) return;
  warnedWithoutConfig = true;
  console.warn(
    "[sesame][WithAuthWithoutConfig] withAuth() has no `config`: it can only decrypt the session token, so signed-out or " +
      "revoked sessions and the `jwt` callback's verdict are not checked. Pass { config: authOptions }.",
  );
}

/** Paths the middleware never guards, as in NextAuth: Next.js's own assets and the favicon. */
const PUBLIC_PREFIXES = ["/_next"];
const PUBLIC_PATHS = ["/favicon.ico"];

/** `path` is `prefix` or below it: `/api/auth/csrf` is under `/api/auth`, `/api/authority` is not. */
function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`);
}

/** Without a config, the auth routes' path as NextAuth takes it from `NEXTAUTH_URL` (default `/api/auth`). */
function authPathOfEnv(): string {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  const raw = env.AUTH_URL ?? env.NEXTAUTH_URL;
  if (!raw) return "/api/auth";
  try {
    const { pathname } = new URL(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`);
    return pathname === "/" ? "/api/auth" : pathname.replace(/\/+$/, "");
  } catch {
    return "/api/auth";
  }
}

async function protect(request: NextRequest, event: unknown, settings: WithAuthOptions, handler?: Middleware): Promise<Response> {
  const { config } = settings;
  const { pathname, search, origin, basePath: appBasePath } = request.nextUrl;
  const resolved = config && resolveConfig(config);
  const authPath = resolved?.basePath ?? authPathOfEnv();
  const signInPage = settings.pages?.signIn ?? resolved?.pages.signIn ?? `${authPath}/signin`;
  const errorPage = settings.pages?.error ?? resolved?.pages.error ?? `${authPath}/error`;
  // Pages are paths within the app (Next.js's `basePath` is not part of `pathname`), or absolute URLs.
  const pageUrl = (page: string) => new URL(page.startsWith("/") && !page.startsWith("//") ? appBasePath + page : page, origin);
  const isPage = (page: URL) => page.origin === origin && page.pathname === appBasePath + pathname;
  if (
    isUnder(appBasePath + pathname, authPath) ||
    [signInPage, errorPage].some((page) => isPage(pageUrl(page))) ||
    PUBLIC_PREFIXES.some((prefix) => isUnder(pathname, prefix)) ||
    PUBLIC_PATHS.includes(pathname)
  ) {
    return NextResponse.next();
  }

  let state: { token: JWT | null; cookies: readonly string[] };
  try {
    if (config) {
      state = await getSession(request, config);
    } else {
      // Checked before any cookie is looked at, so a missing secret shows on the first request, signed in or not.
      const secret = resolveSecrets(settings.secret);
      state = { token: await getToken({ req: request, secret, secureCookie: request.nextUrl.protocol === "https:" }), cookies: [] };
    }
  } catch (error) {
    if (!(error instanceof SesameError && error.isConfigurationError)) throw error;
    // A missing or short secret: every guarded page says so (as NextAuth's middleware does), not a 500.
    console.error(`[sesame][error][${error.publicCode}]`, error.message);
    const errorUrl = pageUrl(errorPage);
    errorUrl.searchParams.set("error", "Configuration");
    return NextResponse.redirect(errorUrl);
  }
  const { token } = state;
  const authorized = (await settings.callbacks?.authorized?.({ token, req: request })) ?? Boolean(token);
  let response: Response | undefined;
  if (!authorized) {
    response = NextResponse.redirect(signInUrlFor({ signIn: pageUrl(signInPage).href, base: authPath, origin }, { callbackUrl: appBasePath + pathname + search }));
  } else {
    const authed = Object.assign(request, { nextauth: { token } }) as NextRequestWithAuth;
    response = (await handler?.(authed, event)) ?? NextResponse.next();
  }
  return withSessionCookies(response, request, state.cookies);
}
