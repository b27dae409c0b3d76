/**
 * The options an app passes to `Auth()`, `getSession()` and `Sesame()`, documented option by option. Types
 * only: resolve.ts turns them into the form the routes use, with every default filled in once.
 */
import type { Adapter, AdapterSession, AdapterUser } from "../adapter.js";
import type { AuthjsAdapter, ConfiguredAuthjsAdapter } from "../authjs-adapter.js";
import type { CookiesOverrides } from "../cookies/names.js";
import type { Provider } from "../provider/provider.js";
import type { RateLimitOptions } from "../rate-limit/options.js";
import type { RevocationOptions } from "../revocation/options.js";
import type { TwoFactorOptions } from "./two-factor.js";
import type { RefreshCoordinator } from "../upstream/coordinator.js";
import type { UpstreamTokenStore } from "../upstream/store.js";
import type { Account, Awaitable, JWT, PasskeyInfo, Profile, Session, SessionWithUser, User } from "../types.js";

/** A NextAuth client generation whose answers the REST API gives: next-auth 4 (`"v4"`) or Auth.js v5 (`"v5"`). */
export type Wire = "v4" | "v5";

/**
 * The `session` option: strategy (`"jwt"` or `"database"`), `maxAge` (30 days), `updateAge` (24 hours),
 * bearer tokens. Durations are in seconds.
 *
 * @example
 * ```ts
 * session: { strategy: "jwt", maxAge: 7 * 24 * 3600, updateAge: 3600 },
 * ```
 */
export interface SessionOptions {
  /**
   * `"jwt"`: the session lives in an encrypted cookie. `"database"`: the cookie holds a random token and the
   * session lives in the adapter (revocable at once, listable). Default: `"database"` with an adapter,
   * `"jwt"` without.
   */
  strategy?: "jwt" | "database";
  /** Seconds of inactivity after which the session ends. Default: 30 days. */
  maxAge?: number;
  /**
   * Seconds between re-issues of the session cookie for an active user (which slides its expiry).
   * Reading a session more often than this does not re-encrypt it. Default: 24 hours.
   */
  updateAge?: number;
  /**
   * Accept `Authorization: Bearer <session token>` from non-browser clients: on GET requests only (default),
   * on every request (`"always"`), or never (`false`).
   */
  bearer?: "GET" | "always" | false;
  /**
   * Add `session.user.id` (the token's `sub`, or the database user's id) to the session the client sees.
   * Default: false — the session has NextAuth's shape, `user: { name, email, image }`; the `session`
   * callback can add the id itself (`session.user.id = token.sub`).
   */
  exposeUserId?: boolean;
  /**
   * Adds `amr` (how the user authenticated) and `authTime` (when) to the session that `auth()`,
   * `useSession()` and `GET /session` return. Default: on with `twoFactor`, off otherwise, so that a session
   * keeps NextAuth's exact shape for apps that move over. The token has both claims either way.
   */
  exposeAuthentication?: boolean;
}

/**
 * The `tokens` option: refreshing the upstream (provider or backend) tokens kept in the session. Durations
 * are in seconds, like every duration in the configuration.
 *
 * @example
 * ```ts
 * tokens: { refreshBuffer: 120, timeoutSeconds: 5, onRefreshError: "end-session", coordinator: RedisRefreshCoordinator({ url }) },
 * ```
 */
export interface TokensOptions {
  /** Refresh when the access token expires within this many seconds. Default: 60. */
  refreshBuffer?: number;
  /** After a failed refresh: keep the session with `session.error` (default), or end it. */
  onRefreshError?: "keep-session" | "end-session";
  /** Shares refreshes between processes. Default: in memory (one process). See `sesame-auth/adapters/redis`, `sql`. */
  coordinator?: RefreshCoordinator;
  /** Seconds a refresh result stays available to requests still carrying the old tokens. Default: 60. */
  graceWindow?: number;
  /** Seconds a refresh (or waiting for another process's) may take. Default: 10. */
  timeoutSeconds?: number;
  /**
   * @deprecated Milliseconds: use `timeoutSeconds`. Still read (divided by 1 000, with a warning logged once);
   * setting both is a configuration error.
   */
  timeout?: number;
  /** Put the access token in the session the browser sees (`session.accessToken`). Default: false. */
  exposeAccessToken?: boolean;
  /**
   * Keep JWT sessions' upstream tokens server-side: the cookie carries only a reference, so it stays small
   * with large provider tokens (Entra ID, Cognito) and the refresh token never reaches the browser.
   * Refreshing, its coordination and the grace window work as with tokens in the cookie; sign-out and
   * revoking a user's sessions delete the stored tokens. `MemoryTokenStore()` (one process),
   * `RedisTokenStore` (`sesame-auth/adapters/redis`), `SqlTokenStore` (`sesame-auth/adapters/sql`).
   * With a store, the `jwt` callback sees the reference, not the tokens: read them with `getAccessToken`.
   * Default: none (tokens in the cookie). Not for database sessions, which keep them server-side already.
   */
  store?: UpstreamTokenStore;
}

/**
 * The `callbacks` option: `signIn`, `redirect`, `jwt`, `session`, `authorized` (each optional in the config).
 *
 * @example
 * ```ts
 * callbacks: {
 *   signIn: ({ user }) => user.email?.endsWith("@example.com") ?? false,
 *   jwt: ({ token, user }) => (user ? { ...token, role: user.role } : token),
 *   session: ({ session, token }) => ({ ...session, role: token.role }),
 * },
 * ```
 */
export interface Callbacks {
  /** Return `false` to refuse the sign-in (`AccessDenied`), or a URL to send the user there instead. */
  signIn(params: {
    user: User;
    account: Account | null;
    profile?: Profile;
    credentials?: Record<string, string | undefined>;
    /**
     * `{ verificationRequest: true }` when the user asks for an email (a sign-in link or code, or a sign-up's
     * confirmation), before it is sent: refusing then sends nothing. As in Auth.js.
     */
    email?: { verificationRequest?: boolean };
  }): Awaitable<boolean | string>;
  /**
   * Used by the Next.js proxy / middleware (`export { auth as proxy }`): `true` lets the request through,
   * `false` redirects to the sign-in page with a `callbackUrl`, a `Response` is sent as it is. Default: allow.
   */
  authorized(params: { auth: Session | null; request: Request }): Awaitable<boolean | Response | undefined>;
  /** Decides where to send the user after sign-in or sign-out. The default allows only this origin. */
  redirect(params: { url: string; baseUrl: string }): Awaitable<string>;
  /**
   * Shapes the session token. Runs on sign-in (with `user`, `account`, `trigger: "signIn"`), on every read of
   * the session, and on `update()` (with `trigger: "update"` and the client's `session` data). Return `null`
   * to end the session.
   */
  jwt(params: {
    token: JWT;
    user?: User;
    account?: Account | null;
    profile?: Profile;
    trigger?: "signIn" | "signUp" | "update";
    isNewUser?: boolean;
    session?: Record<string, unknown>;
  }): Awaitable<JWT | null>;
  /**
   * Shapes what the client sees. `token` is the session token (JWT strategy) or the session's stored data
   * (database strategy, which also passes the stored `user`). Keep secrets (refresh tokens) out of it.
   * `session.user` is always set here (as in Auth.js v5), typed as the app's `Session` augmentation says.
   */
  session(params: {
    session: SessionWithUser;
    token: JWT;
    user?: AdapterUser;
    trigger?: "update";
    newSession?: Record<string, unknown>;
  }): Awaitable<Session>;
}

/**
 * The `events` option. Notifications: they cannot change the outcome, and one that throws is logged, never
 * fatal.
 *
 * @example
 * ```ts
 * events: { signIn: ({ user, isNewUser }) => audit.log("sign-in", user.id, { isNewUser }) },
 * ```
 */
export interface EventCallbacks {
  signIn(message: { user: User; account: Account | null; profile?: Profile; isNewUser?: boolean }): Awaitable<void>;
  /** `token` for JWT sessions; `session` for database sessions. */
  signOut(message: { token: JWT | null; session?: AdapterSession | null }): Awaitable<void>;
  /** A user was created by the adapter (first sign-in with a provider). */
  createUser(message: { user: AdapterUser }): Awaitable<void>;
  /** A provider account was linked to a user. */
  linkAccount(message: { user: AdapterUser; account: Account }): Awaitable<void>;
  session(message: { session: Session; token: JWT }): Awaitable<void>;
  /** After `update()` changed the session's user data. */
  updateUser(message: { user: User }): Awaitable<void>;
  /** Upstream tokens were refreshed (once per refresh, whatever the number of waiting requests). */
  tokenRefreshed(message: { provider: string }): Awaitable<void>;
  /** Refreshing upstream tokens failed; the session carries `error`. */
  tokenRefreshFailed(message: { provider: string; userId: string | undefined; error: "RefreshTokenError" | "RefreshTokenExpired" }): Awaitable<void>;
  /** Someone signed up with email and password and proved the address (`Password()`); `createUser` fires too. */
  userCreated(message: { user: AdapterUser; provider: string }): Awaitable<void>;
  /** A signed-in user proved their (unverified) address by its link. */
  emailVerified(message: { user: AdapterUser }): Awaitable<void>;
  /** A password was set through an emailed reset link; the user's sessions were ended. */
  passwordReset(message: { user: AdapterUser }): Awaitable<void>;
  /** A signed-in user changed their password; their other sessions were ended. */
  passwordChanged(message: { user: AdapterUser }): Awaitable<void>;
  /** A user's email changed, once the new address was confirmed by its link. */
  emailChanged(message: { user: AdapterUser; previousEmail: string | null }): Awaitable<void>;
  /** A user turned on a second factor (`kind`: what they enrolled). */
  twoFactorEnabled(message: { user: AdapterUser; kind: "totp" }): Awaitable<void>;
  /** A user turned their second factor off: its backup codes and remembered devices are gone too. */
  twoFactorDisabled(message: { user: AdapterUser }): Awaitable<void>;
  /** A signed-in user registered a passkey (`Passkey()`). */
  passkeyAdded(message: { user: AdapterUser; passkey: PasskeyInfo }): Awaitable<void>;
  /** A signed-in user deleted one of their passkeys. */
  passkeyRemoved(message: { user: AdapterUser; passkey: PasskeyInfo }): Awaitable<void>;
}

/**
 * The `pages` option: paths of the app's own pages, replacing the built-in ones.
 *
 * @example
 * ```ts
 * pages: { signIn: "/login", verifyRequest: "/check-email" },
 * ```
 */
export interface PagesOptions {
  signIn: string;
  signOut: string;
  error: string;
  /** Shown after an email sign-in link was sent ("check your email"). */
  verifyRequest: string;
  /**
   * The app's sign-up page (`Password()`); `GET /signup` sends visitors there, with the `callbackUrl`.
   * It posts `email`, `password` (and optionally `name`) to `/signup/<provider id>`.
   */
  signUp: string;
  /**
   * The app's password reset page (`Password()`): `GET /reset-password` sends visitors there with the link's
   * query (`email`, `token`) when they follow a reset link, and without one to ask for a link.
   */
  resetPassword: string;
  /**
   * The app's second-factor page (`twoFactor`): where a sign-in goes when the user has a second factor. It
   * posts `code` (a TOTP or backup code) and optionally `remember` to `/second-factor`, with the CSRF token.
   */
  secondFactor: string;
  /**
   * Where a user goes after their first sign-in (when the adapter created them), with the destination they
   * asked for as `callbackUrl`, as in next-auth. Default: straight to the destination.
   */
  newUser: string;
}

/**
 * The `theme` option of the built-in pages.
 *
 * @example
 * ```ts
 * theme: { colorScheme: "light", brandColor: "#0a7", logo: "/logo.svg" },
 * ```
 */
export interface Theme {
  colorScheme?: "auto" | "light" | "dark";
  /** A CSS colour for buttons and links. */
  brandColor?: string;
  /** URL of a logo shown above the forms. */
  logo?: string;
}

/**
 * Where Sesame's log lines go. Whatever it hands a logger, the default one or yours, has been redacted
 * first: tokens, authorization codes, secrets, cookies and anything shaped like a JWT are replaced by
 * `[redacted]`, in messages, fields and `cause` chains alike (errors keep their class, so `instanceof` and
 * `type` still work). A log must not be a way in; the shape of what went wrong is kept.
 *
 * @example
 * ```ts
 * logger: { error: (error) => Sentry.captureException(error) }
 * ```
 */
export interface Logger {
  error(error: Error): void;
  warn(code: string, message: string): void;
  debug(message: string, meta?: unknown): void;
}

/**
 * The configuration passed to `Auth`, `getSession` and `Sesame` (`sesame-auth/next`). Only `providers` is
 * required; the secret defaults to `AUTH_SECRET`; sessions last 30 days, in an encrypted JWT cookie (in
 * the database when there is an `adapter`).
 *
 * @example
 * ```ts
 * import type { SesameConfig } from "sesame-auth";
 * import Google from "sesame-auth/providers/google";
 * export const config: SesameConfig = {
 *   providers: [Google()],
 *   session: { maxAge: 7 * 24 * 3600 },
 *   callbacks: { session: ({ session, token }) => ({ ...session, role: token.role }) },
 * };
 * ```
 */
export interface SesameConfig {
  providers: Provider[];
  /**
   * Where users, accounts and database sessions are stored. See `sesame-auth/adapters/*`. An adapter written
   * for Auth.js or next-auth 4 (`@auth/*-adapter`, `@next-auth/*-adapter`) works as it is: see docs/adapters.md.
   */
  adapter?: Adapter | AuthjsAdapter | ConfiguredAuthjsAdapter;
  /** Seconds an adapter call may take before it fails with `AdapterError`. Default: 5. */
  adapterTimeoutSeconds?: number;
  /**
   * @deprecated Milliseconds: use `adapterTimeoutSeconds`. Still read (divided by 1 000, with a warning logged
   * once); setting both is a configuration error.
   */
  adapterTimeout?: number;
  /**
   * Revocation of JWT sessions: sign-out and `revokeUserSessions` take effect at once in every server
   * process, with no network call per request. See `sesame-auth/revocation/*`.
   */
  revocation?: RevocationOptions;
  /**
   * Limits on sign-in attempts (credentials and email), per IP and per identifier. On by default, in
   * memory; `false` turns it off.
   */
  rateLimit?: RateLimitOptions | false;
  /**
   * Second factors (TOTP with backup codes, remembered devices) for users who enrol one: their sign-ins,
   * whatever the first factor, end in a session only after it. Needs an adapter. See docs/mfa.md.
   */
  twoFactor?: TwoFactorOptions;
  /**
   * At least 32 characters; defaults to `AUTH_SECRET` (or `NEXTAUTH_SECRET`). Pass an array to rotate: the
   * first encrypts, every one decrypts, so old sessions stay valid until they expire.
   */
  secret?: string | string[];
  /** Where the routes live. Default: `/api/auth`, or the path of `AUTH_URL` if it has one. */
  basePath?: string;
  /**
   * Trust the `Host` / `X-Forwarded-*` headers to build URLs. Default, as in Auth.js: true outside
   * production, when `AUTH_TRUST_HOST=true`, and on Vercel (`VERCEL`) or Cloudflare Pages (`CF_PAGES`), whose
   * edge sets those headers itself; `AUTH_TRUST_HOST=false` turns it off. Elsewhere in production set this or
   * `AUTH_URL`. Email sign-in links never rest on it alone: they need `AUTH_URL` or `allowedHosts`.
   */
  trustHost?: boolean;
  /**
   * How many reverse proxies (load balancers, CDNs) stand in front of the app and append the address they
   * received the request from to `X-Forwarded-For`. The client's IP — for the per-IP sign-in limit and the
   * `ip` of database sessions — is then the entry this many places from the right: the one the outermost
   * trusted proxy wrote. Entries further left were sent by the client and are ignored.
   *
   * Default: 0, and `X-Forwarded-For` / `X-Real-IP` are not read at all, since any client can send them: a
   * limit keyed on them is bypassed by changing the header, and a forged victim's address locks the victim
   * out. A Web `Request` carries no connection address, so with neither this nor `rateLimit.clientIp` there
   * is no client IP (only the per-identifier limit applies, and a warning is logged once). Count only
   * proxies that append to the header whatever the client sent: `next start` itself does not (it fills the
   * header in only when the client sent none), so an app that is reachable directly must leave this at 0.
   *
   * @example
   * ```ts
   * // Vercel (its edge overwrites X-Forwarded-For with the client's address), or one nginx / ALB in front:
   * Sesame({ trustedProxies: 1, providers: [...] });
   * // A CDN in front of a load balancer in front of the app:
   * Sesame({ trustedProxies: 2, providers: [...] });
   * ```
   */
  trustedProxies?: number;
  /**
   * The hosts the app answers on, for links that leave the app by email when `AUTH_URL` is not set (one app
   * serving several domains, preview deployments). A sign-in email is sent only if the request's host
   * (`X-Forwarded-Host` / `Host`, read when `trustHost` is on) is one of these; in production the link is then
   * always `https`. Without `AUTH_URL` and without this list, email sign-in is refused in production, and
   * outside production allowed only on loopback hosts (`localhost`, `127.0.0.1`, `[::1]`): otherwise a forged
   * `X-Forwarded-Host` would mail the victim a valid sign-in link pointing at the attacker's server.
   * Entries are hosts as in the address bar: a name, with `:port` when the port is not the default.
   * Default: none.
   *
   * @example
   * ```ts
   * Auth(request, { allowedHosts: ["example.com", "www.example.com", "staging.example.com:8443"], providers, adapter });
   * ```
   */
  allowedHosts?: string[];
  /** Force `Secure` cookies on or off. Default: on when the app is served over https. */
  useSecureCookies?: boolean;
  /**
   * Read session cookies written by next-auth 4 and Auth.js v5 (with the same secret) and re-issue them in
   * Sesame's format, so moving an app over signs nobody out. Default: true.
   */
  legacyCookies?: boolean;
  /**
   * Which NextAuth client generation the REST API answers like, for apps that keep next-auth's own browser
   * client (`next-auth/react`): `"v4"` (next-auth 4: `{}` from `GET /session` without a session, OIDC
   * providers listed as `"oauth"`, a refused credentials form sent through `/error`) or `"v5"` (Auth.js).
   * Default: `"v4"` when `NextAuth(authOptions)` itself is the route handler (next-auth 4's way of mounting it),
   * `"v5"` otherwise. `sesame-auth/react` understands both. Requests that say which client sent them
   * (`X-Auth-Return-Redirect: 1` is Auth.js v5's) get that client's answer whatever this says.
   *
   * @example
   * ```ts
   * // The app mounts `handlers` but its pages still use next-auth 4's `useSession`:
   * Sesame({ wire: "v4", providers: [Google()] });
   * ```
   */
  wire?: Wire;
  session?: SessionOptions;
  /** Upstream tokens (from OAuth providers or your backend): refresh, coordination, exposure. */
  tokens?: TokensOptions;
  cookies?: CookiesOverrides;
  callbacks?: Partial<Callbacks>;
  events?: Partial<EventCallbacks>;
  pages?: Partial<PagesOptions>;
  theme?: Theme;
  logger?: Partial<Logger>;
  /** Log debug messages. */
  debug?: boolean;
}
