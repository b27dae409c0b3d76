// (glue) §5 "限制 2" ✅: the article's `callbacks` fragment (small token, details from the database in the
// session callback), in an Auth.js config of its own (mounted at /api/auth-details, glue).
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { signInUser } from "@/lib/db";
import { getUserDetails } from "@/lib/user-details";
import "@/types";

export const { handlers, auth } = NextAuth({
  basePath: "/api/auth-details", // (glue)
  providers: [Credentials({ credentials: { username: {}, password: {} }, authorize: (credentials) => signInUser(String(credentials.username), String(credentials.password)) })], // (glue)
  // ✅ 只存储必要信息
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.id = user.id; // 小
        token.role = user.role; // 小
      }
      return token;
    },

    async session({ session, token }) {
      // 需要时从数据库查询详细信息
      const userDetails = await getUserDetails(token.id);
      session.user = { ...session.user, ...userDetails };
      return session;
    },
  },
});
