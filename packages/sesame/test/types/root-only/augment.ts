/**
 * Compiled by `npm run typecheck` as a project of its own, never run: the NextAuth augmentation idiom
 * through the root specifier, `declare module "sesame-auth"`, reaching the callbacks of a config and the
 * session `Auth()`'s readers return. See ../next-only for the same through `sesame-auth/next`.
 */
import { getSession, type DefaultSession, type SesameConfig } from "sesame-auth";
import Credentials from "sesame-auth/providers/credentials";

declare module "sesame-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}

export const config: SesameConfig = {
  providers: [Credentials({ authorize: () => ({ id: "1" }) })],
  callbacks: {
    session: ({ session, token }) => ({ ...session, user: { ...session.user, id: token.sub ?? "" } }),
  },
};

export const missingId: SesameConfig = {
  providers: [],
  callbacks: {
    // @ts-expect-error the augmentation made `user.id` required
    session: ({ session }) => ({ ...session, user: { name: session.user.name } }),
  },
};

export async function userId(request: Request): Promise<string | undefined> {
  const { session } = await getSession(request, config);
  // @ts-expect-error `session` may be null: signed out
  void session.user;
  return session?.user.id;
}
