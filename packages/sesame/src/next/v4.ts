/**
 * The NextAuth v4 API over Sesame, so that v4 code moves over by changing import specifiers:
 * `getServerSession(authOptions)`, `withAuth` middleware, and (in index.ts) `NextAuth(authOptions)` as a
 * route handler.
 */
import { NextResponse, type NextRequest } from "next/server.js";
import { getSession, requestHeadOf, resolveConfig, signInUrlFor, type RequestLike, type SesameConfig } from "../core/integration.js";
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
export function withAuth(middleware?: Middleware | WithAuthOptions, options: WithAuthOptions = {}) {
  const [handler, settings] = typeof middleware === "function" ? [middleware, options] : [undefined, middleware ?? options];
  if (!settings.config && !warnedWithoutConfig) {
    warnedWithoutConfig = true;
    console.warn(
      "[sesame][WithAuthWithoutConfig] withAuth() has no `config`: it can only decrypt the session token, so signed-out or " +
        "revoked sessions and the `jwt` callback's verdict are not checked. Pass { config: authOptions }.",
    );
  }
  return async (request: NextRequest, event?: unknown): Promise<Response> => {
    const { config } = settings;
    const resolved = config && resolveConfig(config);
    const state = config
      ? await getSession(request, config)
      : { token: await getToken({ req: request, secret: settings.secret, secureCookie: request.nextUrl.protocol === "https:" }), cookies: [] };
    const { token } = state;
    const authorized = settings.callbacks?.authorized ? await settings.callbacks.authorized({ token, req: request }) : Boolean(token);
    let response: Response | undefined;
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
      const authed = Object.assign(request, { nextauth: { token } }) as NextRequestWithAuth;
      response = (await handler?.(authed, event)) ?? NextResponse.next();
    }
    return withSessionCookies(response, request, state.cookies);
  };
}
