/**
 * The public data model: users, sessions, tokens and the callbacks that shape them.
 *
 * Every interface here can be extended by module augmentation, the same way as in NextAuth, through
 * `sesame-auth` or `sesame-auth/next` (both re-export these very interfaces):
 *
 * @example
 * ```ts
 * import type { DefaultSession } from "sesame-auth/next";
 * declare module "sesame-auth/next" {
 *   interface Session { user: { id: string } & DefaultSession["user"]; accessToken?: string }
 *   interface User { role?: "admin" | "user" }
 * }
 * declare module "sesame-auth/jwt" {
 *   interface JWT { role?: "admin" | "user" }
 * }
 * ```
 */
export {};
