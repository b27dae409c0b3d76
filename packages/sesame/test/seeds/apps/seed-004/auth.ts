// auth.ts — §2 "配置 JWT 会话", as the article writes it.
import NextAuth from "next-auth";
// (glue) the article elides its providers (`/* ... */`): a credentials provider over the glue user store.
import Credentials from "next-auth/providers/credentials";
import { signInUser } from "@/lib/db";
import "@/types"; // (glue) the type augmentations the strict build needs, see types.ts

export const { handlers, auth } = NextAuth({
  providers: [
    // (glue) in place of the article's `/* ... */`
    Credentials({ credentials: { username: {}, password: {} }, authorize: (credentials) => signInUser(String(credentials.username), String(credentials.password)) }),
  ],

  session: {
    strategy: "jwt",
    maxAge: 30 * 24 * 60 * 60, // 30 天
  },

  callbacks: {
    async jwt({ token, user, account, trigger }) {
      // 首次登录
      if (user) {
        token.id = user.id;
        token.role = user.role;
        token.email = user.email;
      }

      // 更新会话
      if (trigger === "update") {
        // 可以更新 token 内容
      }

      return token;
    },

    async session({ session, token }) {
      // 将 JWT 内容添加到 session
      session.user.id = token.id;
      session.user.role = token.role;

      return session;
    },
  },

  // 密钥（必须设置）
  secret: process.env.AUTH_SECRET,
});
