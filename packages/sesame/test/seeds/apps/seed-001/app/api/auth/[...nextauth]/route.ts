import NextAuth, { type BackendJWT, type NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { jwtDecode, login, refreshToken } from "@/lib/backend";

export const authOptions: NextAuthOptions = {
  providers: [
// "认证提供者配置", as written.
CredentialsProvider({
  async authorize(credentials) {
    const res = await login(credentials);
    const tokens: BackendJWT = await res.json();
    
    const access = jwtDecode(tokens.access);
    return {
      tokens,
      user: { id: access.id, email: access.email },
      validity: {
        valid_until: access.exp,
        refresh_until: jwtDecode(tokens.refresh).exp
      }
    };
  }
}),
  ],
  callbacks: {
// "JWT回调处理", as written.
async jwt({ token, user }) {
  if (user) return { ...token, data: user };
  
  // 检查access token是否即将过期
  if (Date.now() > token.data.validity.valid_until * 1000 - 5000) {
    if (Date.now() < token.data.validity.refresh_until * 1000) {
      // 执行刷新逻辑
      const newToken = await refreshToken(token.data.tokens.refresh);
      return {
        ...token,
        data: {
          ...token.data,
          tokens: { ...token.data.tokens, access: newToken.access },
          validity: { ...token.data.validity, valid_until: jwtDecode(newToken.access).exp }
        }
      };
    }
    // 刷新令牌也过期
    return { ...token, error: "RefreshTokenExpired" };
  }
  return token;
},
// "会话管理", as written.
async session({ session, token }) {
  session.user = token.data.user;
  session.validity = token.data.validity;
  session.error = token.error;
  return session;
}
  },
  // (glue) the article's middleware sends users to /login.
  pages: { signIn: "/login" },
};

const handler = NextAuth(authOptions);
export { handler as GET, handler as POST };
