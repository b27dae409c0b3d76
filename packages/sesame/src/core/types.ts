
/**
 * The public data model: users, sessions, tokens and the callbacks that shape them.
 *
 * Every interface here can be extended by module augmentation, the same way as in NextAuth, through
 * `sesame-auth` or `sesame-auth/next` (both re-export these very interfaces):
 *
 * @example
 * ```ts
 * import type { DefaultSession } from "sesame-auth/next";
 * declare module "sesame-auth/next" {
 *   interface Session { user: { id: string } & DefaultSession["user"]; accessToken?: string }
 *   interface User { role?: "admin" | "user" }
 * }
 * declare module "sesame-auth/jwt" {
 *   interface JWT { role?: "admin" | "user" }
 * }
 * ```
 */

/**
 * The fields every user has, as NextAuth's `DefaultUser`. `User` extends it rather than declaring them, so
 * that an app may re-type one in its augmentation (`interface User { id: string }`): a property declared
 * again in a merged interface must keep its exact type, while one inherited may be narrowed.
 */
export interface DefaultUser {
  id?: string;
  name?: string | null;
  email?: string | null;
  image?: string | null;
}

/* eslint-disable @typescript-eslint/no-empty-object-type -- empty on purpose: apps augment it (see DefaultUser). */
/**
 * A user, as sessions, callbacks and adapters see them. Augment it to add fields.
 *
 * @example
 * ```ts
 * declare module "sesame-auth" {
 *   interface User { role?: "admin" | "user" }
 * }
 * ```
 */
export interface User extends DefaultUser {}
/* eslint-enable @typescript-eslint/no-empty-object-type */

/**
 * The person a provider vouches for: what a profile mapping (and a credentials `authorize`) returns.
 * `emailVerified` is the provider's word that the person controls `email`, and the only thing that lets
 * Sesame store the address as verified or join this sign-in to an existing user by it.
 *
 * @example
 * ```ts
 * profile: (p) => ({ id: p.sub, name: p.name, email: p.email, emailVerified: p.email_verified === true })
 * ```
 */
export interface SignInUser extends User {
  /**
   * From a credentials `authorize` backed by an API: its tokens, which Sesame keeps fresh with the
   * provider's `tokens.refresh` hook. They stay server-side: never part of the session's `user`.
   */
  tokens?: IssuedTokens;
  /**
   * `true` only when the provider guarantees that the person signing in controls `email`: the OpenID
   * Connect claim `email_verified: true`, a provider's documented guarantee, or your own app's check (for
   * `authorize`). Default: not verified. An unverified email is stored, but never marked verified, never
   * linked on, and given up to whoever later proves they own it.
   */
  emailVerified?: boolean;
}

/**
 * The fields of every session, as NextAuth's `DefaultSession`. `Session` extends it without declaring
 * anything itself, so that the NextAuth idiom re-types the user in an augmentation:
 * `interface Session { user: { id: string } & DefaultSession["user"] }`.
 */
export interface DefaultSession {
  user?: User;
  /** ISO 8601 date at which the session expires unless it is renewed. */
  expires: string;
  /** Set when something went wrong keeping the session alive: `RefreshTokenError`, `RefreshTokenExpired`. */
  error?: string;
  /** The upstream access token, only with `tokens.exposeAccessToken`. */
  accessToken?: string;
  /** How the user authenticated in this session: see `AuthMethod`. */
  amr?: AuthMethod[];
  /** ISO 8601 date of the user's last authentication (sign-in, or a later re-authentication). */
  authTime?: string;
}

/* eslint-disable @typescript-eslint/no-empty-object-type -- empty on purpose: declaring `user` here would forbid an augmentation from re-typing it (see DefaultSession). */
/**
 * The shape returned by `GET /session`, `auth()` and `useSession()`. Augment it through `sesame-auth` or
 * `sesame-auth/next`, as NextAuth apps do (see the module's example).
 */
export interface Session extends DefaultSession {}
/* eslint-enable @typescript-eslint/no-empty-object-type */

/**
 * The session the `session` callback receives: its `user` always there (a session is only shaped for a
 * signed-in user), typed as the app's augmentation of `Session` says.
 */
export type SessionWithUser = Session & { user: NonNullable<Session["user"]> };

/** Claims every session token carries; set by Sesame, not by callbacks. */
export interface RegisteredClaims {
  /** Issued at, seconds since the epoch. */
  iat?: number;
  /** Expiry, seconds since the epoch. */
  exp?: number;
  /** Unique id of this session, stable across renewals. */
  jti?: string;
  /** The user's token version when the session began; raising it revokes every older session. */
  ver?: number;
}

/**
 * The decrypted session token: what the `jwt` callback receives and returns.
 * Defaults mirror NextAuth so existing callbacks keep working.
 */
export interface JWT extends RegisteredClaims, Record<string, unknown> {
  name?: string | null;
  email?: string | null;
  picture?: string | null;
  sub?: string;
  /** How the user authenticated (set by Sesame at sign-in): see `AuthMethod`. */
  amr?: AuthMethod[];
  /** When the user last authenticated, in seconds since the epoch (OIDC's `auth_time`): what step-up checks. */
  auth_time?: number;
}

/** How the user signed in; passed to `jwt` and `signIn` on sign-in. */
export interface Account {
  provider: string;
  type: ProviderType;
  providerAccountId: string;
  access_token?: string;
  refresh_token?: string;
  expires_at?: number;
  id_token?: string;
  scope?: string;
  token_type?: string;
  [key: string]: unknown;
}

/** The raw profile an identity provider returned. */
export interface Profile {
  sub?: string | null;
  name?: string | null;
  email?: string | null;
  image?: string | null;
  [claim: string]: unknown;
}

/** The kind of a provider, which decides how it signs a user in. */
export type ProviderType = "credentials" | "oauth" | "oidc" | "email" | "webauthn";

/**
 * What a user proved themselves with, in the order they did (`session.amr`, the token's `amr`): `password`
 * (a `Password()` account), `credentials` (the app's own `authorize`), `email` (a link or code), `oauth` (an
 * OAuth / OIDC provider), `passkey`, and the second factors `totp`, `backup-code`, `device` (a remembered device).
 */
export type AuthMethod = "password" | "credentials" | "email" | "oauth" | "passkey" | "totp" | "backup-code" | "device";

/** A value or a promise of it: callbacks may answer either way. */
export type Awaitable<T> = T | Promise<T>;

/**
 * What `authorize` may return under `tokens` when a backend issued them, and what `tokens.refresh` returns.
 * The `{ access, refresh }` form is the one seed 001's backend answers with.
 */
export type IssuedTokens =
  | {
      accessToken: string;
      refreshToken?: string;
      /** Seconds since the epoch. Default: the access token's `exp`, when it is a JWT. */
      expiresAt?: number;
      /** Seconds since the epoch. Default: the refresh token's `exp`, when it is a JWT. */
      refreshExpiresAt?: number;
    }
  | { access: string; refresh?: string };

/**
 * One of the signed-in user's passkeys, as `GET /passkey/list` and `listPasskeys()` show it: no key material,
 * only what helps the user tell their passkeys apart.
 *
 * @example
 * ```ts
 * const passkeys: PasskeyInfo[] = await listPasskeys();
 * passkeys.map((p) => `${p.name}${p.backedUp ? " (synced)" : ""}, last used ${p.lastUsedAt ?? "never"}`);
 * ```
 */
export interface PasskeyInfo {
  /** Sesame's id for it (the SHA-256 of its credential id): what rename and delete take. */
  id: string;
  name: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601; `null` until it is first used to sign in. */
  lastUsedAt: string | null;
  /** `"multiDevice"`: a synced passkey (iCloud Keychain, Google Password Manager, …); `"singleDevice"`: bound to one authenticator. */
  deviceType: "singleDevice" | "multiDevice";
  /** Whether the passkey is backed up (synced), as the authenticator said at its last use. */
  backedUp: boolean;
  /** How the browser can reach the authenticator (`internal`, `hybrid`, `usb`, `nfc`, `ble`, …). */
  transports: string[];
}
