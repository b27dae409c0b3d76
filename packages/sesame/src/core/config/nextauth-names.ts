/**
 * NextAuth's names for Sesame's option types, so that typed NextAuth code (`authOptions: NextAuthOptions`,
 * `satisfies NextAuthConfig`) compiles with only its import specifiers changed. Types only, each the very
 * same type as Sesame's own name: no second definition to drift.
 */
import type { Callbacks, SesameConfig } from "./options.js";

/**
 * next-auth 4's name for the configuration: `SesameConfig`.
 *
 * @example
 * ```ts
 * import type { NextAuthOptions } from "sesame-auth/next";
 * export const authOptions: NextAuthOptions = { providers: [GitHub()] };
 * ```
 */
export type NextAuthOptions = SesameConfig;

/**
 * next-auth 4's other name for the configuration (`AuthOptions`): `SesameConfig`.
 *
 * @example
 * ```ts
 * import type { AuthOptions } from "sesame-auth/next";
 * export const authOptions: AuthOptions = { providers: [GitHub()] };
 * ```
 */
export type AuthOptions = SesameConfig;

/**
 * Auth.js v5's name for the configuration: `SesameConfig`.
 *
 * @example
 * ```ts
 * import type { NextAuthConfig } from "sesame-auth/next";
 * export const authConfig = { providers: [GitHub()], pages: { signIn: "/login" } } satisfies NextAuthConfig;
 * ```
 */
export type NextAuthConfig = SesameConfig;

/**
 * NextAuth's name for the `callbacks` option's functions: `Callbacks`.
 *
 * @example
 * ```ts
 * import type { CallbacksOptions } from "sesame-auth/next";
 * const session: CallbacksOptions["session"] = ({ session, token }) => ({ ...session, user: { ...session.user, id: token.sub! } });
 * ```
 */
export type CallbacksOptions = Callbacks;
