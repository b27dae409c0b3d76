/**
 * The adapter interface: how Sesame stores users, their provider accounts, database sessions and email
 * verification tokens. Every adapter (memory, SQL, …) passes the same conformance suite
 * (test/adapters/conformance.ts). Secrets never reach an adapter in clear: sessions and verification
 * tokens are stored as SHA-256 hashes.
 */
import { AdapterError } from "./errors.js";
import type { Account, ProviderType, User } from "./types.js";
import { withTimeout } from "./timeout.js";

/** A user as an adapter stores it: the session's `User` with a required id and the email's verification time. */
export interface AdapterUser extends User {
  id: string;
  name: string | null;
  email: string | null;
  emailVerified: Date | null;
  image: string | null;
}

/** A provider account linked to a user; unique by (`provider`, `providerAccountId`). */
export interface AdapterAccount {
  userId: string;
  type: ProviderType;
  provider: string;
  providerAccountId: string;
  access_token?: string | null;
  refresh_token?: string | null;
  /** Seconds since the epoch. */
  expires_at?: number | null;
  id_token?: string | null;
  scope?: string | null;
  token_type?: string | null;
}

/** A provider's tokens as an account row keeps them (after a refresh: `updateAccountTokens`). */
export type AccountTokens = Pick<AdapterAccount, "access_token" | "refresh_token" | "expires_at">;

/** The stored form of an account from a sign-in: its identity and the tokens the adapter keeps. */
export function adapterAccount(account: Account): Omit<AdapterAccount, "userId"> {
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  return {
    type: account.type,
    provider: account.provider,
    providerAccountId: account.providerAccountId,
    access_token: text(account.access_token),
    refresh_token: text(account.refresh_token),
    expires_at: typeof account.expires_at === "number" ? account.expires_at : null,
    id_token: text(account.id_token),
    scope: text(account.scope),
    token_type: text(account.token_type),
  };
}

/** A database session. The cookie holds `<id>.<secret>`; only the secret's hash is stored. */
export interface AdapterSession {
  /** Identifies the session in lists and revocations. Not a credential on its own. */
  id: string;
  /** SHA-256 of the secret half of the cookie (base64url). */
  secretHash: string;
  userId: string;
  expires: Date;
  createdAt: Date;
  /** When the session was last renewed: accurate to `session.updateAge`. */
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
  /** Per-session data the `jwt` callback keeps (on sign-in and `update()`), stored server-side. */
  data: Record<string, unknown>;
}

/** A pending email sign-in: only the token's hash is stored, so a database leak does not reveal usable links. */
export interface VerificationToken {
  identifier: string;
  /** SHA-256 of the token sent by email (base64url). */
  tokenHash: string;
  expires: Date;
}

/**
 * A single-use token of the account flows (sign-up, password reset, email change): like a
 * `VerificationToken`, with the flow's state sealed by Sesame (`payload`, encrypted with the app's secret)
 * so that nothing of it — a pending sign-up's password hash, the address an email change goes to — is
 * readable or changeable in the database.
 */
export interface AccountToken extends VerificationToken {
  /** Sealed by Sesame; opaque to the adapter. */
  payload: string;
}

/** What a stored factor is: a TOTP authenticator, a backup code, a passkey, or a device remembered after a second factor. */
export type FactorKind = "totp" | "backup-code" | "passkey" | "device";

/**
 * Something a user proves themselves with besides their first sign-in: an authenticator app (TOTP), one of
 * their single-use backup codes, a passkey, or a browser they asked to be remembered. Sesame makes `id` and
 * `data`; the adapter stores them as they are and looks factors up by `id` (a hash, never the secret itself).
 */
export interface AdapterFactor {
  /** Unique; made by Sesame (a random id, or the SHA-256 of a backup code, a passkey's id, a device's token). */
  id: string;
  userId: string;
  kind: FactorKind;
  /** The name the user gave it ("Work laptop", "YubiKey"), or one Sesame chose. */
  name: string | null;
  /** Made by Sesame and opaque to the adapter: a TOTP secret sealed with the app's secret, a passkey's public key. */
  data: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** When it stops counting (remembered devices); `null` for never. */
  expires: Date | null;
}

/**
 * Where users, accounts, database sessions and email sign-in tokens are kept. The built-in adapters
 * (`SqlAdapter` from `sesame-auth/adapters/sql` over SQLite, PostgreSQL or MySQL, `MemoryAdapter`) implement
 * it; a custom store implements the same methods.
 *
 * @example
 * ```ts
 * import { sqlite } from "sesame-auth/adapters/sqlite";
 * import { SqlAdapter, migrate } from "sesame-auth/adapters/sql";
 *
 * const db = sqlite("./data/auth.db");
 * await migrate(db);
 * export const config = { adapter: SqlAdapter(db), providers: [...] };
 * ```
 */
export interface Adapter {
  /** Creates a user. `id` may be given (credentials users keep their own); otherwise the adapter makes one. */
  createUser(user: Omit<AdapterUser, "id"> & { id?: string }): Promise<AdapterUser>;
  getUser(id: string): Promise<AdapterUser | null>;
  getUserByEmail(email: string): Promise<AdapterUser | null>;
  getUserByAccount(ref: { provider: string; providerAccountId: string }): Promise<AdapterUser | null>;
  updateUser(user: Partial<AdapterUser> & { id: string }): Promise<AdapterUser>;
  /** Deletes the user with their accounts and sessions. */
  deleteUser(id: string): Promise<void>;
  linkAccount(account: AdapterAccount): Promise<void>;
  /**
   * Writes a refresh's new tokens into the user's account of `provider` (optional). Sesame keeps them with
   * the session either way; this keeps the account row current for code that reads tokens from the database,
   * as Auth.js apps do.
   */
  updateAccountTokens?(ref: { userId: string; provider: string }, tokens: AccountTokens): Promise<void>;
  /** A linked account with its stored tokens (optional; Sesame's adapters have it): for apps that read them. */
  getAccount?(ref: { provider: string; providerAccountId: string }): Promise<AdapterAccount | null>;
  /**
   * Creates the user and links the account in one transaction. When the account is already linked —
   * another request signed the same person in first — nothing is written and that user is returned.
   */
  createUserWithAccount(user: Omit<AdapterUser, "id">, account: Omit<AdapterAccount, "userId">): Promise<{ user: AdapterUser; created: boolean }>;

  createSession(session: AdapterSession): Promise<void>;
  /**
   * The session and its user, in one query. `secretHash` is the hash of the secret the request presented:
   * Sesame compares it with the stored one in any case; an adapter that can only look sessions up by one
   * key (an Auth.js adapter's `sessionToken`) looks them up by both.
   */
  getSessionAndUser(id: string, secretHash?: string): Promise<{ session: AdapterSession; user: AdapterUser } | null>;
  /**
   * A session written by NextAuth / Auth.js into the same database, by the plain token its cookie carries
   * (optional: adapters over an Auth.js schema have it). Sesame replaces it with one of its own on first read.
   */
  getLegacySession?(token: string): Promise<{ session: AdapterSession; user: AdapterUser } | null>;
  updateSession(id: string, changes: Partial<Pick<AdapterSession, "expires" | "lastSeenAt" | "data">>): Promise<void>;
  deleteSession(id: string): Promise<void>;
  /** The user's sessions that have not expired, newest first. */
  listSessions(userId: string): Promise<AdapterSession[]>;
  /** Deletes the user's sessions, all of them or all but `except`. Returns how many were deleted. */
  deleteSessions(userId: string, options?: { except?: string }): Promise<number>;

  createVerificationToken(token: VerificationToken): Promise<void>;
  /** Returns and deletes the token in one step, so it can be used once. */
  useVerificationToken(ref: { identifier: string; tokenHash: string }): Promise<VerificationToken | null>;

  /*
   * Email-and-password accounts (`Password()` provider). Optional: an adapter without them cannot serve
   * that provider, and the configuration says so at start. Sesame's adapters (memory, SQL) have them.
   */
  /** The user's password hash (as `sesame-auth/password` makes it), or `null` when the user has none. */
  getPasswordHash?(userId: string): Promise<string | null>;
  /** Sets or replaces the user's password hash. */
  setPasswordHash?(userId: string, hash: string): Promise<void>;
  /**
   * Creates the user and their password in one transaction. When the email is taken — another request
   * created the user first — nothing is written and that user is returned with `created: false`.
   */
  createUserWithPassword?(user: Omit<AdapterUser, "id">, hash: string): Promise<{ user: AdapterUser; created: boolean }>;
  /**
   * Stores a single-use token. It may first delete the identifier's expired tokens (of no use to anyone):
   * Sesame's adapters do, so an identifier asked for often (a passkey sign-in's options) keeps only live rows.
   */
  createAccountToken?(token: AccountToken): Promise<void>;
  /** Returns and deletes the token in one step, so it can be used once. */
  useAccountToken?(ref: { identifier: string; tokenHash: string }): Promise<AccountToken | null>;

  /*
   * Second factors, passkeys and remembered devices (`twoFactor`, `Passkey()`). Optional: an adapter without
   * them cannot serve those, and the configuration says so at start. Sesame's adapters have them.
   */
  /**
   * Stores `factors` in one transaction. With `replace`, first deletes the user's factors of those kinds (a
   * new set of backup codes replaces the old one whole, or not at all).
   */
  createFactors?(factors: AdapterFactor[], replace?: { userId: string; kinds: FactorKind[] }): Promise<void>;
  getFactor?(id: string): Promise<AdapterFactor | null>;
  /** The user's factors, oldest first. */
  listFactors?(userId: string): Promise<AdapterFactor[]>;
  /**
   * Changes a factor of the user. With `expectedData`, only if its `data` is still that (compare-and-set:
   * of two requests using the same TOTP step or passkey counter, one wins). Returns whether it changed.
   */
  updateFactor?(
    ref: { id: string; userId: string },
    changes: Partial<Pick<AdapterFactor, "name" | "data" | "lastUsedAt">>,
    expectedData?: string,
  ): Promise<boolean>;
  /**
   * Deletes factors of the user: those with the given ids, or all of the given kinds. Returns how many were
   * deleted, so that deleting a backup code is also using it, once.
   */
  deleteFactors?(userId: string, which: { ids: string[] } | { kinds: FactorKind[] }): Promise<number>;
}

/** The adapter methods email-and-password accounts need, by name: what the configuration checks for. */
export const PASSWORD_ACCOUNT_METHODS = ["getPasswordHash", "setPasswordHash", "createUserWithPassword", "createAccountToken", "useAccountToken"] as const;

/** An adapter with the methods of email-and-password accounts. */
export type PasswordAdapter = Adapter & Required<Pick<Adapter, (typeof PASSWORD_ACCOUNT_METHODS)[number]>>;

/** The adapter methods second factors and passkeys need (their pending sign-ins are account tokens). */
export const FACTOR_METHODS = ["createFactors", "getFactor", "listFactors", "updateFactor", "deleteFactors", "createAccountToken", "useAccountToken"] as const;

/** An adapter with the methods of second factors and passkeys. */
export type FactorAdapter = Adapter & Required<Pick<Adapter, (typeof FACTOR_METHODS)[number]>>;

/**
 * The config's adapter, for code that runs only with one: email sign-in and database sessions. Resolving the
 * config already refused those without an adapter, so a missing one here is a bug in Sesame, not the app's.
 */
export function configuredAdapter({ config }: { config: { adapter: Adapter | undefined } }, use: string): Adapter {
  if (!config.adapter) throw new TypeError(`${use} needs an adapter (checked at configuration)`);
  return config.adapter;
}

/**
 * The adapter as Sesame calls it: every call limited to `timeoutMs`, and every failure reported as an
 * `AdapterError` (503) with the cause, so a database that is down or hanging fails the request cleanly
 * instead of surfacing a driver's error or holding the request open.
 */
export function guardAdapter<T extends object = Adapter>(adapter: T, timeoutMs: number, what = "The database"): T {
  const guarded = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(adapter) as Array<[string, unknown]>) {
    if (typeof method !== "function") continue;
    guarded[name] = async (...args: unknown[]) => {
      try {
        const call = (method as (...a: unknown[]) => Promise<unknown>).apply(adapter, args);
        return await withTimeout(call, timeoutMs, () => new AdapterError(`${what} did not answer ${name}() within ${timeoutMs} ms.`));
      } catch (error) {
        throw error instanceof AdapterError ? error : new AdapterError(`${what} failed in ${name}().`, { cause: error });
      }
    };
  }
  return guarded as T;
}
