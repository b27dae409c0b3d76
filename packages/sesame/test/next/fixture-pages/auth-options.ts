// Seed 002's authOptions for next-auth 4, with the import specifiers changed, its backend login call replaced
// by a fixed user, and the rate limit off (the tests sign alice in many times). The secret and the app's URL
// come from NEXTAUTH_SECRET and NEXTAUTH_URL, as in a next-auth 4 app.
import { type NextAuthOptions } from "sesame-auth/next";
import CredentialsProvider from "sesame-auth/providers/credentials";

export const authOptions: NextAuthOptions = {
  session: {
    strategy: "jwt",
  },
  rateLimit: false,
  providers: [
    CredentialsProvider({
      type: "credentials",
      credentials: {
        username: { label: "Username", type: "text" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials) {
        const { username, password } = credentials as { username: string; password: string };
        if (username !== "alice" || password !== "wonderland") return null;
        return { id: "u1", name: "alice", email: "alice@example.com", role: "admin" } as never;
      },
    }),
  ],
  pages: {
    signIn: "/login",
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user) return { ...token, ...user };
      return token;
    },
    async session({ session, token }) {
      session.user = token as never;
      return session;
    },
  },
};
