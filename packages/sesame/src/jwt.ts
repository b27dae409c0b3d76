/**
 * Session tokens outside the auth routes: `encode` / `decode` a token, `getToken` reads the one a request
 * carries. Signatures follow `next-auth/jwt` so existing code keeps working.
 */
import { resolveSecrets } from "./core/config/env.js";
import type { SesameConfig } from "./core/config/options.js";
import { DEFAULT_SESSION_MAX_AGE_SECONDS, resolveConfig, SESSION_TOKEN_SALT } from "./core/config/resolve.js";
import { createContext, requestHeadOf, type HeadersLike, type RequestLike } from "./core/context.js";
import { resolveCookies } from "./core/cookies/names.js";
import { readChunkedCookie } from "./core/cookies/chunking.js";
import { parseCookies } from "./core/cookies/serialize.js";
import { decryptLegacyToken, decryptLegacyTokenWithSalt, findLegacySession, isLegacySessionCookieName, readLegacySession } from "./core/session/legacy.js";
import { HOST_COOKIE_CLAIM } from "./core/session/previous-cookie.js";
import { sessionTokenOf } from "./core/session/jwt-session.js";
import { readSession } from "./core/session/read.js";
import { stampClaims, tokenCodec } from "./core/token/codec.js";
import type { JWT } from "./core/types.js";

/** The session token's claims; augment it with `declare module "sesame-auth/jwt" { interface JWT { … } }`: types only. */
export type { JWT } from "./core/types.js";

/** What `encode` takes: the claims, and optionally the secret, lifetime (default 30 days) and salt. */
export interface EncodeParams {
  /** The claims to store. `iat`, `exp` and `jti` are set for you. */
  token: JWT;
  /** Defaults to `AUTH_SECRET`. With several, the first encrypts. */
  secret?: string | string[];
  /** Seconds until the token expires. Default: 30 days. */
  maxAge?: number;
  /** Separates keys by purpose; use the same salt to decode. Default: the session token's. */
  salt?: string;
}

/** What `decode` takes: the token, and the secret (default `AUTH_SECRET`) and salt it was encoded with. */
export interface DecodeParams {
  token: string | undefined | null;
  secret?: string | string[];
  salt?: string;
}

/**
 * Encrypts a session token.
 *
 * @example
 * ```ts
 * const token = await encode({ token: { sub: "42", name: "Alice" }, maxAge: 3600 });
 * ```
 */
export async function encode({ token, secret, maxAge = DEFAULT_SESSION_MAX_AGE_SECONDS, salt = SESSION_TOKEN_SALT }: EncodeParams): Promise<string> {
  return tokenCodec(resolveSecrets(secret), salt).encode(stampClaims(token, maxAge));
}

/**
 * Decrypts a session token: its claims, or `null` if it is invalid, tampered with or expired. It does not
 * know whether the session was signed out or revoked: to read a request's session, use `getToken` with
 * `config`, or `getSession`.
 *
 * A token next-auth 4 or Auth.js v5 issued with the same secret decodes too, as their own `decode` takes
 * it: next-auth 4's with its `salt` (none by default), Auth.js's with `salt` set to its cookie name
 * (`"authjs.session-token"`, or `"__Secure-authjs.session-token"` on https). Its `exp` is checked, and a
 * token without `exp` or `jti` (which both always write) is refused.
 *
 * @example
 * ```ts
 * import { decode } from "sesame-auth/jwt";
 * const claims = await decode({ token, secret: process.env.AUTH_SECRET });
 * if (!claims) return new Response("Invalid token", { status: 401 });
 * ```
 */
export async function decode({ token, secret, salt }: DecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const secrets = resolveSecrets(secret);
  return (await tokenCodec(secrets, salt ?? SESSION_TOKEN_SALT).decode(token)) ?? (await decryptLegacyTokenWithSalt(token, secrets, salt)) ?? null;
}

interface GetTokenCommon {
  /** A `Request`, or anything with its headers (a Node `IncomingMessage`, Next's `req`). */
  req: RequestLike;
  /** Return the encrypted token instead of its claims (still only when it passes the checks). */
  raw?: boolean;
}

/**
 * Reading with the secret alone: the token is decrypted and its expiry checked, nothing more. A token
 * signed out or revoked (`revocation`, `revokeUserSessions`) or refused by the `jwt` callback still reads
 * as valid until it expires: pass `config` instead wherever the app's config can be imported.
 */
export interface GetTokenWithSecretParams extends GetTokenCommon {
  config?: undefined;
  /** Defaults to `AUTH_SECRET`. */
  secret?: string | string[];
  salt?: string;
  /**
   * Default: Sesame's session cookie name, `__Host-sesame.session-token` when `secureCookie` (and, for a
   * request that has none, a `__Secure-sesame.session-token` issued by an earlier version, under the same
   * limits as the auth routes apply: see `legacyCookies`).
   */
  cookieName?: string;
  /** Whether to look for the `__Host-` cookie. Default: when `req.url` is https. */
  secureCookie?: boolean;
}

/**
 * Reading with the app's config: the token passes every check a session read makes — decryption and
 * expiry, revocation (sign-out, `revokeUserSessions`; refused while the revocation state is unknown under
 * `"fail-closed"`), an upstream-token refresh failure under `onRefreshError: "end-session"`, and the `jwt`
 * callback (returning `null` ends the session: no token). Cookie names, the secret and the bearer-token
 * policy (`session.bearer`) are the config's. The claims are what the `jwt` callback returned.
 */
export interface GetTokenWithConfigParams extends GetTokenCommon {
  /** The app's config (the object passed to `Auth` / `Sesame` / `NextAuth`). */
  config: SesameConfig;
  secret?: never;
  salt?: never;
  cookieName?: never;
  secureCookie?: never;
}

/** What `getToken` takes: the request with the app's `config` (recommended), or with the secret alone. */
export type GetTokenParams = GetTokenWithSecretParams | GetTokenWithConfigParams;

function header(headers: HeadersLike, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return Array.isArray(value) ? value.join(name === "cookie" ? "; " : ", ") : (value ?? null);
}

/**
 * The session token of a request, from its (possibly chunked) cookie or an `Authorization: Bearer` header.
 * With `config`, only a token the app would accept as a session (see `GetTokenWithConfigParams`); with the
 * secret alone, any token that decrypts, revoked or not (see `GetTokenWithSecretParams`).
 *
 * @example
 * ```ts
 * import { config } from "./auth.config";
 * const token = await getToken({ req: request, config });
 * if (token?.role !== "admin") return new Response("Forbidden", { status: 403 });
 * ```
 */
export async function getToken(params: GetTokenParams & { raw: true }): Promise<string | null>;
export async function getToken(params: GetTokenParams & { raw?: false }): Promise<JWT | null>;
export async function getToken(params: GetTokenParams): Promise<JWT | string | null> {
  if (params.config) return verifiedToken(params.req, params.config, params.raw);
  const { req, secret, salt, raw } = params;
  const secure = params.secureCookie ?? (req.url?.startsWith("https:") || false);
  const { name, previousName } = params.cookieName ? { name: params.cookieName, previousName: undefined } : resolveCookies(secure).sessionToken;
  const cookies = parseCookies(header(req.headers, "cookie"));
  const token = readChunkedCookie(cookies, name);
  if (token) return raw ? token : decodeCookie(token, name, secret, salt);
  const previous = previousName ? readChunkedCookie(cookies, previousName) : undefined;
  if (previous) {
    // Only a token issued before the move to `__Host-` is read under the old name (see previous-cookie.ts).
    const claims = await decode({ token: previous, secret, salt });
    if (!claims || claims[HOST_COOKIE_CLAIM] !== undefined) return null;
    return raw ? previous : claims;
  }
  const authorization = header(req.headers, "authorization");
  const bearer = authorization?.startsWith("Bearer ") ? authorization.slice(7).trim() : undefined;
  if (bearer) return raw ? bearer : decode({ token: bearer, secret, salt });
  if (params.cookieName || salt !== undefined) return null;
  // No Sesame session at all: a next-auth 4 / Auth.js v5 cookie of an app that has just moved over, so that
  // a middleware-first app keeps its users signed in. Decrypted and checked whether `raw` or not.
  const legacy = await findLegacySession(cookies, resolveSecrets(secret));
  if (!legacy) return null;
  return raw ? legacy.token : legacy.claims;
}

/**
 * A cookie's token: Sesame's format, or (when the app named a cookie next-auth or Auth.js writes, as
 * `getToken({ req, cookieName: "next-auth.session-token" })` in v4 code) that package's format for that name.
 */
async function decodeCookie(token: string, name: string, secret: string | string[] | undefined, salt: string | undefined): Promise<JWT | null> {
  const claims = await decode({ token, secret, salt });
  if (claims || salt !== undefined || !isLegacySessionCookieName(name)) return claims;
  return (await decryptLegacyToken(token, resolveSecrets(secret), name)) ?? null;
}

/** The token as a session read sees it: the same pipeline, so the same checks, without writing cookies. */
async function verifiedToken(req: RequestLike, config: SesameConfig, raw: boolean | undefined): Promise<JWT | string | null> {
  const context = createContext(requestHeadOf(req), resolveConfig(config));
  const { token } = await readSession(context, { readOnly: true, tokenOnly: true });
  if (!token || !raw) return token;
  // The token the request carries: Sesame's, or the NextAuth one the session was just read from.
  return sessionTokenOf(context)?.token ?? (await readLegacySession(context))?.token ?? null;
}
