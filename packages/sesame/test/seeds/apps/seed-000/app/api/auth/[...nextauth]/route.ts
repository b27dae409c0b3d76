// The route every other file of the article imports `authOptions` from (§3, §7.2, §7.3).
import NextAuth, { type NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";

export const authOptions: NextAuthOptions = {
  // (glue) §1.1: "用户在 /api/auth/[...nextauth] 用 CredentialsProvider 登录成功后" — Alice of §1.1's session.
  providers: [
    CredentialsProvider({
      name: "Credentials",
      credentials: {
        username: { label: "Username", type: "text" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials) {
        if (credentials?.username === "alice" && credentials.password === "wonderland") {
          return { id: "1", name: "Alice", email: "alice@example.com" };
        }
        return null;
      },
    }),
  ],
  // §1.3, as written.
  session: {
    strategy: "jwt", // 或 "database"
    maxAge: 60 * 60 * 24 * 7, // 7天
    updateAge: 60 * 60 * 24, // 每24小时刷新一次
  },
  // (glue) §5.2 and §7 send the signed-out user to /auth/signin.
  pages: { signIn: "/auth/signin" },
};

const handler = NextAuth(authOptions);
export { handler as GET, handler as POST };
