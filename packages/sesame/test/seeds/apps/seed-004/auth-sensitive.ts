// (glue) §4 "敏感信息处理" ❌: the article's `callbacks` fragment, in an Auth.js config of its own (mounted
// at /api/auth-sensitive, glue) so that its jwt callback runs at a sign-in, as the test needs.
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { signInUser } from "@/lib/db";
import "@/types";

export const { handlers, auth } = NextAuth({
  basePath: "/api/auth-sensitive", // (glue)
  providers: [Credentials({ credentials: { username: {}, password: {} }, authorize: (credentials) => signInUser(String(credentials.username), String(credentials.password)) })], // (glue)
  // ❌ 不要在 JWT 中存储敏感信息
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.password = user.password; // 危险！
        token.creditCard = user.creditCard; // 危险！
      }
      return token;
    },
  },
});
