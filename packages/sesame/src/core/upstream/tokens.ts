/**
 * Upstream tokens: the access and refresh tokens of the provider or backend the user signed in with, kept
 * with the session (claim `upstream`) so that Sesame can call the backend for the app and keep the access
 * token fresh. They are server-side data: the browser sees the access token only if the app opts in.
 */
import { decodeJwt } from "jose";
import type { Account, IssuedTokens, JWT } from "../types.js";
import { nowSeconds } from "../clock.js";

/** The provider's tokens kept in a session so that the app can call the provider's API for the user. */
export interface UpstreamTokens {
  provider: string;
  accessToken: string;
  refreshToken?: string;
  /** When the access token expires, seconds since the epoch. */
  expiresAt?: number;
  /** When the refresh token expires, seconds since the epoch, when known. */
  refreshExpiresAt?: number;
}

/** The `exp` of a JWT, read without verifying it (only the backend can verify; we only need the date). */
export function jwtExpiry(token: string | undefined): number | undefined {
  if (!token) return undefined;
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === "number" ? exp : undefined;
  } catch {
    return undefined;
  }
}

export function fromIssued(provider: string, issued: IssuedTokens): UpstreamTokens {
  const tokens = "access" in issued ? { accessToken: issued.access, refreshToken: issued.refresh } : issued;
  return {
    provider,
    accessToken: tokens.accessToken,
    ...(tokens.refreshToken && { refreshToken: tokens.refreshToken }),
    ...withDefined("expiresAt", ("expiresAt" in tokens ? tokens.expiresAt : undefined) ?? jwtExpiry(tokens.accessToken)),
    ...withDefined("refreshExpiresAt", ("refreshExpiresAt" in tokens ? tokens.refreshExpiresAt : undefined) ?? jwtExpiry(tokens.refreshToken)),
  };
}

export function fromAccount(account: Account): UpstreamTokens | undefined {
  if (typeof account.access_token !== "string") return undefined;
  const refreshExpiresIn = Number(account.refresh_expires_in);
  return {
    provider: account.provider,
    accessToken: account.access_token,
    ...(typeof account.refresh_token === "string" && { refreshToken: account.refresh_token }),
    ...withDefined("expiresAt", typeof account.expires_at === "number" ? account.expires_at : undefined),
    ...withDefined("refreshExpiresAt", refreshExpiresIn > 0 ? nowSeconds() + refreshExpiresIn : undefined),
  };
}

function withDefined<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

/** The tokens kept in the session token itself (no `tokens.store`); a stored reference is not tokens. */
export function upstreamOf(token: JWT | null | undefined): UpstreamTokens | undefined {
  const upstream = token?.upstream as UpstreamTokens | undefined;
  return upstream && typeof upstream.accessToken === "string" ? upstream : undefined;
}

/**
 * What the session token says of its upstream tokens when they are in `tokens.store`: whose they are and
 * when they expire — enough to decide on the hot path whether a refresh is due, without the store.
 */
export interface UpstreamReference {
  provider: string;
  stored: true;
  /** Whether there is a refresh token in the store. */
  refreshable: boolean;
  expiresAt?: number;
  refreshExpiresAt?: number;
}

/** The reference a session token carries for `tokens`, kept in the store. */
export function referenceTo(tokens: UpstreamTokens): UpstreamReference {
  return {
    provider: tokens.provider,
    stored: true,
    refreshable: tokens.refreshToken !== undefined,
    ...withDefined("expiresAt", tokens.expiresAt),
    ...withDefined("refreshExpiresAt", tokens.refreshExpiresAt),
  };
}

export function referenceOf(token: JWT | null | undefined): UpstreamReference | undefined {
  const upstream = token?.upstream as UpstreamReference | undefined;
  return upstream?.stored === true && typeof upstream.provider === "string" ? upstream : undefined;
}

/** The provider, expiry and refreshability of a session's upstream tokens, wherever they are kept. */
export function upstreamInfoOf(token: JWT | null | undefined): Omit<UpstreamReference, "stored"> | undefined {
  const inline = upstreamOf(token);
  if (inline) return { ...inline, refreshable: inline.refreshToken !== undefined };
  return referenceOf(token);
}
