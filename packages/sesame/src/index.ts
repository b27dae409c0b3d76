/**
 * Sesame: authentication for Next.js and any Web-standard runtime.
 *
 * `Auth(request, config)` serves the auth HTTP API; `getSession(request, config)` reads the session of any
 * request, cheaply enough to run on every one.
 */
export { Auth } from "./core/auth.js";
export { getSession } from "./core/session/get-session.js";
export { getAccessToken, type AccessTokenResult } from "./core/session/access-token.js";
export { MemoryRefreshCoordinator, type RefreshCoordinator } from "./core/tokens/coordinator.js";
export type { IssuedTokens, UpstreamTokens } from "./core/tokens/upstream.js";
export { listSessions, revokeOtherSessions, revokeSession, revokeUserSessions, type SessionInfo } from "./core/session/server.js";
export type { Adapter, AdapterAccount, AdapterSession, AdapterUser, VerificationToken } from "./core/adapter.js";
export { MemoryRevocationStore } from "./core/revocation/memory.js";
export { MemoryRateLimitStore, type MemoryRateLimitStoreOptions, type RateLimitHit, type RateLimitStore } from "./core/rate-limit/store.js";
export type { Limit, RateLimitOptions } from "./core/rate-limit/limit.js";
export type { RevocationOptions } from "./core/revocation/state.js";
export type { RevocationChange, RevocationSnapshot, RevocationStore, RevocationSubscription } from "./core/revocation/store.js";
export type {
  Callbacks,
  EventCallbacks,
  Logger,
  PagesOptions,
  SesameConfig,
  SessionOptions,
  Theme,
  TokensOptions,
} from "./core/config.js";
export type { CookieOptions } from "./core/cookies/serialize.js";
export type { CookiesOverrides } from "./core/cookies/names.js";
export * from "./core/errors.js";
export type { Account, Awaitable, JWT, Profile, ProviderType, Session, SignInUser, User } from "./core/types.js";
export type { CredentialInput, CredentialsProvider, CredentialsValues, Provider } from "./providers/types.js";
