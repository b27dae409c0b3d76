/**
 * Compiled by `npm run typecheck`, never run: module augmentation through the published entry points must
 * type-check, as it does for NextAuth apps (`declare module "next-auth"`).
 */
import type { Session } from "sesame-auth";
import type { JWT } from "sesame-auth/jwt";
import Credentials from "sesame-auth/providers/credentials";

declare module "sesame-auth" {
  interface Session {
    accessToken?: string;
  }
  interface User {
    role?: "admin" | "user";
  }
}

export const config = {
  providers: [Credentials({ authorize: () => ({ id: "1", role: "admin" as const }) })],
  callbacks: {
    session: ({ session, token }: { session: Session; token: JWT }): Session => ({ ...session, accessToken: String(token.accessToken) }),
  },
};

export const role: "admin" | "user" | undefined = ({} as Session).user?.role;
export const accessToken: string | undefined = ({} as Session).accessToken;
