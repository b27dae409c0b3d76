// (glue) §5 "限制 1" 解决方案 3 (版本号): the article's `callbacks` fragment, in an Auth.js config of its own
// (mounted at /api/auth-version, glue). The fragment's session callback reads `token.id`, which its jwt
// callback does not set: in the article's app §2's jwt callback does. The test gives this config tokens
// with an `id`, as that app's would have.
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getUserFromDB, signInUser } from "@/lib/db";
import "@/types";

export const { handlers, auth } = NextAuth({
  basePath: "/api/auth-version", // (glue)
  providers: [Credentials({ credentials: { username: {}, password: {} }, authorize: (credentials) => signInUser(String(credentials.username), String(credentials.password)) })], // (glue)
  // 解决方案 3：版本号
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.version = user.tokenVersion; // 存储版本号
      }
      return token;
    },

    async session({ session, token }) {
      // 验证版本号
      const user = await getUserFromDB(token.id);

      if (user.tokenVersion !== token.version) {
        // 版本不匹配，token 失效
        throw new Error('Token expired');
      }

      return session;
    },
  },
});
