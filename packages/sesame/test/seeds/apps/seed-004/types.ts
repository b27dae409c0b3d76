// (glue) the article writes JavaScript (its blocks are ```javascript): its callbacks read and write `token.id`,
// `token.role`, `user.role`, `session.user.role` untyped. The strict build (`next build` type-checks) accepts
// them only with next-auth's types augmented. The session's `id` and `role` are typed as the article uses
// them, untyped (`any`): the session callback assigns them from JWT claims, which are `unknown` without a
// `next-auth/jwt` augmentation, and next-auth 5.0.0-beta.32 refuses that augmentation in a strict build
// ("Invalid module name in augmentation", see seed 003 in ../../README.md).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: any; role: any } & DefaultSession["user"];
  }
  interface User {
    role?: string;
    password?: string;
    creditCard?: string;
    tokenVersion?: number;
  }
}
