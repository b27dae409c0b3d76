/**
 * The tables of the SQL adapter. Times are stored as milliseconds since the epoch (a bigint), which every
 * database compares and indexes the same way; drivers that return bigints as strings are handled on read.
 */
/** A row of `sesame_users`: types only. */
export interface UsersTable {
  id: string;
  name: string | null;
  email: string | null;
  email_verified: number | string | null;
  image: string | null;
  created_at: number | string;
}

/** The provider's tokens, as an account row keeps them under their OAuth names (Auth.js's tables too). Types only. */
export interface AccountTokenColumns {
  access_token: string | null;
  refresh_token: string | null;
  expires_at: number | string | null;
  id_token: string | null;
  scope: string | null;
  token_type: string | null;
}

/** A row of `sesame_accounts`: a provider account linked to a user. Types only. */
export interface AccountsTable extends AccountTokenColumns {
  user_id: string;
  type: string;
  provider: string;
  provider_account_id: string;
}

/** A row of `sesame_sessions` (database sessions; only a hash of the secret is stored). Types only. */
export interface SessionsTable {
  id: string;
  secret_hash: string;
  user_id: string;
  expires_at: number | string;
  created_at: number | string;
  last_seen_at: number | string;
  ip: string | null;
  user_agent: string | null;
  /** JSON. */
  data: string;
}

/** A row of `sesame_verification_tokens` (email sign-in links; only a hash of the token is stored). Types only. */
export interface VerificationTokensTable {
  identifier: string;
  token_hash: string;
  expires_at: number | string;
}

/** A row of `sesame_passwords`: a user's password hash (email-and-password accounts). Types only. */
export interface PasswordsTable {
  user_id: string;
  hash: string;
  updated_at: number | string;
}

/** A row of `sesame_account_tokens` (sign-up, reset and email-change links; the token hashed, the state sealed). Types only. */
export interface AccountTokensTable {
  identifier: string;
  token_hash: string;
  /** Sealed by Sesame. */
  payload: string;
  expires_at: number | string;
}

/** A row of `sesame_factors`: a user's TOTP authenticator, backup code, passkey or remembered device. Types only. */
export interface FactorsTable {
  id: string;
  user_id: string;
  kind: string;
  name: string | null;
  /** Made by Sesame (sealed, or a passkey's public data). */
  data: string;
  created_at: number | string;
  last_used_at: number | string | null;
  expires_at: number | string | null;
}

/** A row of `sesame_rate_limits` (`SqlRateLimitStore`). Types only. */
export interface RateLimitsTable {
  key: string;
  count: number;
  reset_at: number | string;
}

/** A row of `sesame_token_refreshes` (`SqlRefreshCoordinator`). Types only. */
export interface TokenRefreshesTable {
  /** SHA-256 of the refresh token being refreshed. */
  key: string;
  /** The sealed result, once published; null while the claim is held. */
  sealed: string | null;
  expires_at: number | string;
}

/** A row of `sesame_upstream_tokens` (`SqlTokenStore`). Types only. */
export interface UpstreamTokensTable {
  session_id: string;
  user_id: string | null;
  /** The session's upstream tokens, sealed by Sesame. */
  sealed: string;
  /** Seconds since the epoch. */
  expires_at: number | string;
}

/** Sesame's tables by name: the type argument of the Kysely instance given to `SqlAdapter`. Types only. */
export interface SesameDatabase {
  sesame_users: UsersTable;
  sesame_accounts: AccountsTable;
  sesame_sessions: SessionsTable;
  sesame_verification_tokens: VerificationTokensTable;
  sesame_rate_limits: RateLimitsTable;
  sesame_token_refreshes: TokenRefreshesTable;
  sesame_upstream_tokens: UpstreamTokensTable;
  sesame_passwords: PasswordsTable;
  sesame_account_tokens: AccountTokensTable;
  sesame_factors: FactorsTable;
}
