// §4 "Token 过期", as the article writes it: a config that exports only `auth`, so it is read through, never
// signed in with (app/api/glue/expiry-session reads a request's session through it).
import NextAuth from "next-auth"; // (glue) the block does not show its import
import "@/types"; // (glue) the type augmentations, see types.ts

// auth.ts
export const { auth } = NextAuth({
  providers: [], // (glue) the block has none; both libraries need the list
  session: {
    strategy: "jwt",
    maxAge: 7 * 24 * 60 * 60, // 7 天过期
  },

  callbacks: {
    async jwt({ token, user }) {
      // 添加过期时间
      if (user) {
        token.exp = Math.floor(Date.now() / 1000) + 7 * 24 * 60 * 60;
      }

      // 检查是否过期
      if (token.exp && Date.now() / 1000 > token.exp) {
        // Token 已过期
        return null;
      }

      return token;
    },
  },
});
