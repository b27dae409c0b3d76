/**
 * Compiled by `npm run typecheck` as a project of its own, never run: a NextAuth app's type augmentation
 * with only its specifier changed, in a program that imports nothing but `sesame-auth/next` and a provider.
 * The root module is not imported anywhere, so the augmentation must reach the callbacks through
 * `sesame-auth/next` alone. Every `@ts-expect-error` line is a wrong use that must keep failing: if it
 * compiled, tsc would report the directive as unused.
 */
import type { CallbacksOptions, DefaultSession, DefaultUser, NextAuthConfig, NextAuthOptions, Session, User } from "sesame-auth/next";
import { getServerSession } from "sesame-auth/next";
import Credentials from "sesame-auth/providers/credentials";

declare module "sesame-auth/next" {
  interface Session {
    user: { id: string; role: "admin" | "user" } & DefaultSession["user"];
  }
  interface User {
    role?: "admin" | "user";
  }
}

export const authOptions: NextAuthOptions = {
  providers: [Credentials({ authorize: () => ({ id: "1", name: "Alice", role: "admin" as const }) })],
  callbacks: {
    jwt: ({ token, user }) => (user ? { ...token, role: user.role } : token),
    // `session.user` is not optional in the callback, and already has the augmented type.
    session: ({ session, token }) => {
      const name: string | null | undefined = session.user.name;
      void name;
      return { ...session, user: { ...session.user, id: token.sub ?? "", role: token.role === "admin" ? "admin" : "user" } };
    },
  },
};

export const v5Config = { providers: [], callbacks: { session: ({ session }) => session } } satisfies NextAuthConfig;

export const missingId: CallbacksOptions["session"] = ({ session }) =>
  // @ts-expect-error the augmentation made `user.id` required: a session without it is refused
  ({ ...session, user: { name: session.user.name, role: "user" } });

export const wrongRole: CallbacksOptions["session"] = ({ session }) =>
  // @ts-expect-error `role` is "admin" | "user"
  ({ ...session, user: { ...session.user, role: "root" } });

export async function page(): Promise<string> {
  const session: Session | null = await getServerSession(authOptions);
  if (!session) return "signed out";
  // The augmented session as server code reads it: `user` required, `id` a string.
  const id: string = session.user.id;
  // @ts-expect-error `id` is a string, not a number
  const wrong: number = session.user.id;
  void wrong;
  return id;
}

// `DefaultSession["user"]` and `DefaultUser` are NextAuth's: name, email and image, each optional.
export const user: NonNullable<DefaultSession["user"]> = { name: "Alice", email: null };
export const defaultUser: DefaultUser = { id: "1", image: null };
export const role: User["role"] = "admin";
// @ts-expect-error `DefaultSession` still needs `expires`
export const noExpiry: DefaultSession = { user };

// next-auth 4's `authorize` gets `Record<field, string> | undefined`; apps pass it to helpers typed that way
// and read fields as strings (seed 001's `login(credentials)`). Sesame's values are all strings too.
declare function login(credentials: Record<string, string> | undefined): Promise<Response>;
declare function findUser(email: string): Promise<{ id: string } | null>;
export const v4Authorize = Credentials({
  credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
  async authorize(credentials) {
    await login(credentials);
    if (!credentials) return null;
    return findUser(credentials.email);
  },
});
