/**
 * `sesame-auth/middleware`: NextAuth v4's `next-auth/middleware`. Its default export is `withAuth`, so the v4
 * one-liner keeps working with the specifier changed: every page the `config` matcher selects needs a
 * session token (read with `AUTH_SECRET` / `NEXTAUTH_SECRET`), and a visitor without one goes to the
 * sign-in page with `callbackUrl`.
 *
 * @example
 * ```ts
 * // middleware.ts
 * export { default } from "sesame-auth/middleware";
 * export const config = { matcher: ["/dashboard/:path*"] };
 * ```
 */
import { withAuth } from "./v4.js";

export { withAuth, type NextRequestWithAuth, type WithAuthMiddleware, type WithAuthOptions } from "./v4.js";
export default withAuth;
