// (glue) the article writes JavaScript (its blocks are ```javascript): its callbacks read and write `token.id`,
// `token.role`, `user.role`, `session.user.role` untyped. The strict build (`next build` type-checks) accepts
// them only with the types augmented, the way next-auth documents it. The session's and the token's `id`
// and `role` are typed as the article uses them, untyped (`any`): next-auth's `user.id` is optional, the
// header the middleware sets needs a string, and `getUserDetails(token.id)` takes one.
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

declare module "next-auth/jwt" {
  interface JWT {
    id?: any;
    role?: any;
  }
}
