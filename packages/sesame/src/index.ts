/**
 * Sesame: authentication for Next.js and any Web-standard runtime.
 *
 * `Auth(request, config)` serves the auth HTTP API; `getSession(request, config)` reads the session of any
 * request, cheaply enough to run on every one.
 */
/**
 * Serves the auth HTTP API (`/api/auth/signin`, `/callback/:provider`, `/session`, …) for a Web `Request`.
 *
 * @example
 * ```ts
 * // app/api/auth/[...sesame]/route.ts, or any server that speaks Request/Response
 * import { Auth } from "sesame-auth";
 * import { config } from "@/auth.config";
 * export const GET = (request: Request) => Auth(request, config);
 * export const POST = GET;
 * ```
 */
export { Auth } from "./core/auth.js";
/**
 * The session of any request (`{ session, token, cookies }`), cheap enough to run on every request.
 *
 * @example
 * ```ts
 * import { getSession } from "sesame-auth";
 * const { session } = await getSession(request, config);
 * if (!session) return Response.json({ error: "Unauthorized" }, { status: 401 });
 * ```
 */
export { getSession } from "./core/session/get-session.js";
/**
 * Step-up ("sudo mode") in route handlers, actions and any runtime: the session if the user authenticated
 * within `maxAge` seconds, else `ReauthenticationRequired` with `signInUrl`, the sign-in page marked as a
 * re-authentication (OIDC providers are asked for `max_age` and held to it), which brings the user back.
 *
 * @example
 * ```ts
 * import { requireRecentAuth, ReauthenticationRequired } from "sesame-auth";
 * try {
 *   const { session } = await requireRecentAuth(request, config, { maxAge: 300 });
 * } catch (error) {
 *   if (error instanceof ReauthenticationRequired) return Response.redirect(error.signInUrl!, 303);
 *   throw error;
 * }
 * ```
 */
export { requireRecentAuth, type RecentAuthOptions, type RecentSession } from "./core/session/recent-auth.js";
/**
 * The signed-in user's upstream access token, refreshed first when due; send `cookies` back.
 *
 * @example
 * ```ts
 * import { getAccessToken } from "sesame-auth";
 * const { accessToken } = await getAccessToken(request, config);
 * const orders = await fetch(`${API}/orders`, { headers: { authorization: `Bearer ${accessToken}` } });
 * ```
 */
export { getAccessToken, type AccessTokenResult } from "./core/session/access-token.js";
/**
 * Coordinates upstream token refreshes so one refresh token is spent once. The default is
 * `MemoryRefreshCoordinator()` (one process); several processes share `RedisRefreshCoordinator` or `SqlRefreshCoordinator`.
 *
 * @example
 * ```ts
 * import { MemoryRefreshCoordinator } from "sesame-auth";
 * export const config = { tokens: { coordinator: MemoryRefreshCoordinator() }, providers: [Google()] };
 * ```
 */
export { MemoryRefreshCoordinator, type RefreshCoordinator } from "./core/upstream/coordinator.js";
/**
 * Keeps JWT sessions' upstream tokens server-side (`tokens.store`), the cookie holding a reference:
 * `MemoryTokenStore()` for one process; several share `RedisTokenStore` or `SqlTokenStore`.
 *
 * @example
 * ```ts
 * import { MemoryTokenStore } from "sesame-auth";
 * export const config = { tokens: { store: MemoryTokenStore() }, providers: [MicrosoftEntraID({ authorization: { params: { scope: "openid offline_access" } } })] };
 * ```
 */
export { MemoryTokenStore, type StoredUpstream, type UpstreamTokenStore } from "./core/upstream/store.js";
/** The upstream (provider or backend) tokens kept in the session: types only. */
export type { UpstreamTokens } from "./core/upstream/tokens.js";
/**
 * Session management for server code: a user's devices, signing one or all others out, and ending every
 * session of a user (after a password change, or a ban).
 *
 * @example
 * ```ts
 * import { listSessions, revokeSession, revokeUserSessions } from "sesame-auth";
 * const sessions = await listSessions(request, config); // SessionInfo[], or null when signed out
 * const other = sessions?.find((s) => !s.current);
 * if (other) await revokeSession(request, config, other.id);
 * await revokeUserSessions(config, user.id);
 * ```
 */
export { listSessions, revokeOtherSessions, revokeSession, revokeUserSessions, type SessionInfo } from "./core/session/management.js";
/** The database adapter interface and its records, for writing an adapter: types only. */
export type { Adapter, AdapterAccount, AdapterSession, AdapterUser, VerificationToken } from "./core/adapter.js";
export { authjsAdapter, type AuthjsAdapter, type AuthjsAdapterAccount, type AuthjsAdapterOptions, type AuthjsAdapterSession, type AuthjsAdapterUser, type ConfiguredAuthjsAdapter } from "./core/authjs-adapter.js";
/**
 * A revocation store for one process (tests, single-instance apps). Several processes share
 * `RedisRevocationStore` from `sesame-auth/adapters/redis`.
 *
 * @example
 * ```ts
 * import { MemoryRevocationStore } from "sesame-auth";
 * export const config = { revocation: { store: MemoryRevocationStore() }, providers: [Google()] };
 * ```
 */
export { MemoryRevocationStore } from "./core/revocation/memory.js";
/**
 * Sign-in rate limits kept in this process's memory (the default store). Several processes share
 * `RedisRateLimitStore` or `SqlRateLimitStore`.
 *
 * @example
 * ```ts
 * import { MemoryRateLimitStore } from "sesame-auth";
 * rateLimit: { store: MemoryRateLimitStore({ maxEntries: 20_000 }), perIp: { max: 20, window: 60 } },
 * ```
 */
export { MemoryRateLimitStore, type MemoryRateLimitStoreOptions, type RateLimitHit, type RateLimitStore } from "./core/rate-limit/store.js";
/** The `rateLimit` option and its limits (`{ max, window }` in seconds): types only. */
export type { Limit, RateLimitOptions } from "./core/rate-limit/options.js";
/** The `revocation` option (`store`, `policy`, staleness bounds): types only. */
export type { RevocationOptions } from "./core/revocation/options.js";
/** The revocation store interface, for writing a store: types only. */
export type { RevocationChange, RevocationSnapshot, RevocationStore, RevocationSubscription } from "./core/revocation/store.js";
/**
 * The configuration passed to `Auth`, `getSession` and `Sesame`, and its parts. Only `providers` is
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
export type {
  Callbacks,
  EventCallbacks,
  Logger,
  PagesOptions,
  SesameConfig,
  SessionOptions,
  Theme,
  TokensOptions,
  Wire,
} from "./core/config/options.js";
/** The `twoFactor` option: second factors, backup codes, remembered devices (see docs/mfa.md). */
export type { TwoFactorOptions } from "./core/config/two-factor.js";
/** What the security page shows of a user's factors, and what starting a TOTP enrolment returns. */
export type { SecurityOverview, TotpEnrolment } from "./core/accounts/two-factor.js";
/** Options of one cookie (`cookies` overrides): types only. */
export type { CookieOptions } from "./core/cookies/serialize.js";
/** The `cookies` option: names and options per cookie: types only. */
export type { CookiesOverrides } from "./core/cookies/names.js";
/**
 * The errors Sesame throws or reports (`SesameError` and its subclasses, each with a `type`, a `status`,
 * a `publicCode` and the `headers` of its response), `SesameErrorCode` (the union of the codes clients
 * receive, to `switch` on), and `CredentialsSignin` to extend for a custom credentials error code.
 *
 * @example
 * ```ts
 * import { CredentialsSignin, type SesameErrorCode } from "sesame-auth";
 * class AccountLocked extends CredentialsSignin { override code = "account_locked" }
 * // in authorize(): throw new AccountLocked();
 * const retryable = (code: SesameErrorCode) => code === "RateLimited" || code === "AdapterError";
 * ```
 */
export * from "./core/errors.js";
/** The session, token and user shapes; augment `Session`, `User` and `JWT` with `declare module`: types only. */
export type { Account, Awaitable, DefaultSession, DefaultUser, IssuedTokens, JWT, PasskeyInfo, Profile, ProviderType, Session, SessionWithUser, SignInUser, User } from "./core/types.js";
/** NextAuth's names for the option types (`NextAuthOptions`, `AuthOptions`, `NextAuthConfig`, `CallbacksOptions`): types only. */
export type { AuthOptions, CallbacksOptions, NextAuthConfig, NextAuthOptions } from "./core/config/nextauth-names.js";
/** Provider shapes, for helpers that take or return providers: types only. */
export type { CredentialInput, CredentialsProvider, CredentialsValues, Provider } from "./providers/types.js";
/**
 * Password rules for `Password()` and for your own forms: `checkPassword` (length in code points, well-formed
 * Unicode, and a breached-password check when given one), and `pwnedPasswords()`, Have I Been Pwned's range
 * API (k-anonymity: only five characters of the password's SHA-1 leave the server).
 *
 * @example
 * ```ts
 * import { checkPassword, pwnedPasswords } from "sesame-auth";
 * const problem = await checkPassword(password, { minLength: 10, breached: pwnedPasswords() });
 * if (problem) return { error: problem }; // "too-short" | "too-long" | "not-well-formed" | "breached"
 * ```
 */
export {
  BreachCheckUnavailable,
  checkPassword,
  pwnedPasswords,
  type BreachedPasswordCheck,
  type PasswordPolicy,
  type PasswordProblem,
  type PwnedPasswordsOptions,
} from "./core/accounts/password-policy.js";
/** The email-and-password provider's shape (`Password()` from `sesame-auth/providers/password`), and the messages email providers send: types only. */
export type { PasswordAccounts, PasswordProvider } from "./core/provider/password.js";
export type { MailMessage } from "./core/provider/email.js";
/** The account tokens and password methods an adapter implements for `Password()`: types only. */
export type { AccountToken, PasswordAdapter } from "./core/adapter.js";
/** The factor records and methods an adapter implements for passkeys and second factors: types only. */
export type { AdapterFactor, FactorAdapter, FactorKind } from "./core/adapter.js";
