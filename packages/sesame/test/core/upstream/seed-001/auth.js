/**
 * Seed 001's provider and callbacks as the article writes them, only the import specifier changed (to the
 * sources, as every test here imports them). Plain JavaScript: the article types its code through its own
 * `declare module "next-auth"` block, so the one other change is the dropped `: BackendJWT` annotation. The
 * article leaves `login`, `refreshToken` and `jwtDecode` to the app: the test passes them in.
 */
import CredentialsProvider from "../../../../src/providers/credentials.js";

export function seed001({ login, refreshToken, jwtDecode }) {
  const provider = CredentialsProvider({
    async authorize(credentials) {
      const res = await login(credentials);
      const tokens = await res.json();

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
  });

  const callbacks = {
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

    async session({ session, token }) {
      session.user = token.data.user;
      session.validity = token.data.validity;
      session.error = token.error;
      return session;
    }
  };

  return { provider, callbacks };
}
