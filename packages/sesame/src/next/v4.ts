/**
 * The NextAuth v4 API over Sesame, so that v4 code moves over by changing import specifiers:
 * `getServerSession(authOptions)`, `withAuth` middleware, and (in index.ts) `NextAuth(authOptions)` as a
 * route handler.
 */
import { NextResponse, type NextRequest } from "next/server.js";
import { resolveConfig, type SesameConfig } from "../core/config.js";
import { getSession } from "../core/session/get-session.js";
import type { JWT, Session } from "../core/types.js";
import { getToken } from "../jwt.js";
import { currentRequestHead } from "./server-request.js";

/** NextAuth v4's name for the configuration. */
export type NextAuthOptions = SesameConfig;

interface NodeRequestLike {
  headers: Record<string, string | string[] | undefined>;
  url?: string;
  method?: string;
}
interface NodeResponseLike {
  getHeader?(name: string): unknown;
  setHeader(name: string, value: string | string[]): unknown;
}

/**
 * The session on the server, as in NextAuth v4: `getServerSession(authOptions)` in the App Router, or
 * `getServerSession(req, res, authOptions)` in the Pages Router (where a renewed cookie is set on `res`).
 */
export async function getServerSession(config: SesameConfig): Promise<Session | null>;
export async function getServerSession(req: NodeRequestLike, res: NodeResponseLike, config: SesameConfig): Promise<Session | null>;
export async function getServerSession(...args: [SesameConfig] | [NodeRequestLike, NodeResponseLike, SesameConfig]): Promise<Session | null> {
  if (args.length === 1) return (await getSession(await currentRequestHead(), args[0], { readOnly: true })).session;
  const [req, res, config] = args;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  const proto = headers.get("x-forwarded-proto") ?? "http";
  const url = `${proto}://${headers.get("host") ?? "localhost"}${req.url ?? "/"}`;
  const { session, cookies } = await getSession({ url, method: req.method ?? "GET", headers }, config);
  if (cookies.length) {
    const existing = res.getHeader?.("set-cookie");
    res.setHeader("set-cookie", [...(Array.isArray(existing) ? existing.map(String) : existing ? [String(existing)] : []), ...cookies]);
  }
  return session;
}

export interface WithAuthOptions {
  callbacks?: { authorized?(params: { token: JWT | null; req: NextRequest }): boolean | Promise<boolean> };
  pages?: { signIn?: string; error?: string };
  /** Default: `AUTH_SECRET` / `NEXTAUTH_SECRET`. */
  secret?: string | string[];
  /** The app's config, when it is at hand: its secret, cookie names and sign-in page are used. */
  config?: SesameConfig;
}

export type NextRequestWithAuth = NextRequest & { nextauth: { token: JWT | null } };
type Middleware = (request: NextRequestWithAuth, event?: unknown) => Response | undefined | Promise<Response | undefined>;

/**
 * NextAuth v4's middleware: lets a request through when `authorized({ token })` (default: there is a
 * session token) and calls your middleware with `req.nextauth.token`; otherwise redirects to sign-in.
 *
 * @example
 * ```ts
 * export default withAuth(function middleware(req) { … }, { callbacks: { authorized: ({ token }) => !!token } });
 * ```
 */
export function withAuth(middleware?: Middleware | WithAuthOptions, options: WithAuthOptions = {}) {
  const [handler, settings] = typeof middleware === "function" ? [middleware, options] : [undefined, middleware ?? options];
  return async (request: NextRequest, event?: unknown): Promise<Response> => {
    const resolved = settings.config && resolveConfig(settings.config);
    const secure = request.nextUrl.protocol === "https:";
    const token = await getToken({
      req: request,
      secret: settings.secret ?? settings.config?.secret,
      secureCookie: secure,
      // The default name is left to getToken, which also reads the one earlier versions used.
      ...(resolved && !resolved.cookies(secure).sessionToken.previousName && { cookieName: resolved.cookies(secure).sessionToken.name }),
    });
    const authorized = settings.callbacks?.authorized ? await settings.callbacks.authorized({ token, req: request }) : Boolean(token);
    if (!authorized) {
      const basePath = resolved?.basePath ?? "/api/auth";
      const signIn = new URL(settings.pages?.signIn ?? resolved?.pages.signIn ?? `${basePath}/signin`, request.nextUrl.origin);
      // The sign-in page itself must stay reachable.
      if (request.nextUrl.pathname !== signIn.pathname) {
        signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
        return NextResponse.redirect(signIn);
      }
    }
    const authed = Object.assign(request, { nextauth: { token } }) as NextRequestWithAuth;
    return (await handler?.(authed, event)) ?? NextResponse.next();
  };
}
