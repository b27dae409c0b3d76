/**
 * The example's whole authentication setup. Five ways in — the sample backend's username and password
 * (its short-lived access token refreshed by Sesame), email-and-password accounts that Sesame keeps
 * (sign-up, verification and reset by emailed links), passkeys, the local OpenID Provider, and an emailed
 * magic link — with database sessions, so "my sessions" can list devices and sign them out. Any user may
 * add an authenticator app as a second factor on `/security`.
 */
import type { SesameConfig } from "sesame-auth";
import Sesame from "sesame-auth/next";
import Credentials from "sesame-auth/providers/credentials";
import Email from "sesame-auth/providers/email";
import OIDC from "sesame-auth/providers/oidc";
import Passkey from "sesame-auth/providers/passkey";
import Password from "sesame-auth/providers/password";
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
    pages: { signIn: "/login", verifyRequest: "/check-email", signUp: "/signup", resetPassword: "/reset-password", secondFactor: "/second-factor" },
    twoFactor: {
      issuer: "Sesame example",
      rememberDevice: { days: 30 },
      // The browser tests set 0, so that every change to a factor asks for the password or a code again.
      reauthenticateAfter: seconds(env.REAUTHENTICATE_AFTER, 300),
    },
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
      // Its own id: "credentials" (Password()'s default) is the sample backend's. Routes: /signup/password, /callback/password.
      // PASSWORD_HASH_COST lowers scrypt's cost (log2 N, default 17: ~0.5 s and 128 MiB a hash) for the browser tests only.
      Password({ id: "password", minLength: 10, ...(env.PASSWORD_HASH_COST && { hashOptions: { cost: Number(env.PASSWORD_HASH_COST) } }) }),
      // RP ID and origin from AUTH_URL (http://localhost:3000 by default; loopback http is a secure context).
      // Browsers refuse an IP address as RP ID: open the demo on localhost, not 127.0.0.1.
      Passkey({ rpName: "Sesame example" }),
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
