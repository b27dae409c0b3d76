// 类型扩展, as the article writes it.
// (glue) the import that makes this file a module, so that the blocks below augment next-auth's types.
import type {} from "next-auth";

declare module "next-auth" {
  interface Session {
    error?: "RefreshTokenError"
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    access_token: string
    expires_at: number
    refresh_token?: string
    error?: "RefreshTokenError"
  }
}
