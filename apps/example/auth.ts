/**
 * The example's whole authentication setup. Three ways in — the sample backend's username and password
 * (its short-lived access token refreshed by Sesame), the local OpenID Provider, and an emailed magic
 * link — with database sessions, so "my sessions" can list devices and sign them out.
 */
import type { SesameConfig } from "sesame-auth";
import Sesame from "sesame-auth/next";
import Credentials from "sesame-auth/providers/credentials";
import Email from "sesame-auth/providers/email";
import OIDC from "sesame-auth/providers/oidc";
import { backendUrl, loginToBackend, refreshWithBackend } from "./lib/backend";
import { storage } from "./lib/storage";

const env = process.env;
const seconds = (value: string | undefined, fallback: number) => (value ? Number(value) : fallback);
const ADMIN_EMAILS = (env.ADMIN_EMAILS ?? "alice@example.com").split(",");

function createConfig(): SesameConfig {
  const { adapter, rateLimitStore, refreshCoordinator } = storage();
  const issuer = env.OIDC_ISSUER ?? "http://127.0.0.1:4001";
  return {
    adapter,
    trustHost: true,
    session: {
      maxAge: seconds(env.SESSION_MAX_AGE, 7 * 24 * 3600),
      updateAge: seconds(env.SESSION_UPDATE_AGE, 3600),
      // `session.user.id` for the proxy's `x-user-id` header and `/api/me` (NextAuth's shape has no id).
      exposeUserId: true,
    },
    // The backend's access tokens live a minute in the demo: refresh them when 10 s remain.
    tokens: { refreshBuffer: seconds(env.REFRESH_BUFFER, 10), coordinator: refreshCoordinator, timeoutSeconds: seconds(env.UPSTREAM_TIMEOUT, 5) },
    rateLimit: { store: rateLimitStore },
    pages: { signIn: "/login", verifyRequest: "/check-email" },
    providers: [
      Credentials({
        name: "Sample backend",
        credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
        authorize: ({ username, password }) => loginToBackend(username ?? "", password ?? ""),
        tokens: { refresh: ({ refreshToken }) => refreshWithBackend(refreshToken) },
      }),
      OIDC({
        id: "oidc",
        name: "Local OpenID Provider",
        issuer,
        // oauth4webapi refuses plain http; the demo's provider runs on loopback only.
        allowInsecureRequests: issuer.startsWith("http://127.0.0.1:"),
        clientId: env.OIDC_CLIENT_ID ?? "sesame-example",
        clientSecret: env.OIDC_CLIENT_SECRET ?? "",
      }),
      Email({ server: env.EMAIL_SERVER ?? "smtp://127.0.0.1:4025", from: "Sesame example <no-reply@example.com>" }),
    ],
    callbacks: {
      // Runs at sign-in (with `user`); its result is stored with the database session.
      jwt({ token, user }) {
        if (user) token.role = user.role ?? (user.email && ADMIN_EMAILS.includes(user.email) ? "admin" : "user");
        return token;
      },
      session({ session, token }) {
        if (session.user) session.user.role = token.role;
        return session;
      },
    },
  };
}

let config: SesameConfig | undefined;
/** Built on first use, not at import: `next build` imports this module without a database to open. */
export const authConfig = (): SesameConfig => (config ??= createConfig());

export const { handlers, auth, signIn, signOut, update } = Sesame(authConfig);
export { backendUrl };
