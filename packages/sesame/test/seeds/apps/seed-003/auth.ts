// (glue) the article shows its pieces, not the file: this is the auth.ts of an Auth.js v5 app that puts them
// together — the Google provider of "基础配置", the jwt callback of "JWT 回调处理" and the session callback of
// "会话回调的必要性", each as written; the type augmentations of "类型扩展" are in types.ts.
import NextAuth from "next-auth";
import Google from "next-auth/providers/google";
import "./types"; // (glue) the article's "类型扩展"

export const { handlers, auth } = NextAuth({
  providers: [
    // 基础配置
    Google({
      authorization: {
        params: {
          access_type: "offline",
          prompt: "consent"
        }
      }
    })
  ],
  callbacks: {
    // JWT 回调处理
    async jwt({ token, account }) {
      if (account) {
        // 首次登录处理
        return {
          ...token,
          access_token: account.access_token,
          expires_at: account.expires_at,
          refresh_token: account.refresh_token,
        }
      } else if (Date.now() < token.expires_at * 1000) {
        // 令牌仍有效
        return token
      } else {
        // 令牌刷新逻辑
        try {
          const response = await fetch("https://oauth2.googleapis.com/token", {
            method: "POST",
            body: new URLSearchParams({
              client_id: process.env.AUTH_GOOGLE_ID!,
              client_secret: process.env.AUTH_GOOGLE_SECRET!,
              grant_type: "refresh_token",
              refresh_token: token.refresh_token!,
            }),
          })
          // 处理响应...
          // (glue) the article stops at "处理响应...": the response handling, as Auth.js's refresh-token guide
          // does it — a refused refresh throws (into the article's catch), a new access token replaces the
          // old one, and Google's answer keeps the refresh token unless it sends a new one.
          const tokensOrError = await response.json()
          if (!response.ok) throw tokensOrError
          const newTokens = tokensOrError as { access_token: string; expires_in: number; refresh_token?: string }
          return {
            ...token,
            access_token: newTokens.access_token,
            expires_at: Math.floor(Date.now() / 1000 + newTokens.expires_in),
            refresh_token: newTokens.refresh_token ?? token.refresh_token,
          }
        } catch (error) {
          console.error("刷新令牌错误", error)
          token.error = "RefreshTokenError"
          return token
        }
      }
    },
    // 会话回调的必要性
    session: ({ session, token }) => {
      session.error = token.error
      return session
    },
  },
});
