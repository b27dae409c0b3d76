/**
 * Session tokens outside the auth routes: `encode` / `decode` a token, `getToken` reads the one a request
 * carries. Signatures follow `next-auth/jwt` so existing code keeps working.
 */
import { DEFAULT_SESSION_MAX_AGE_SECONDS, resolveSecrets, SESSION_TOKEN_SALT } from "./core/config.js";
import { resolveCookies } from "./core/cookies/names.js";
import { readChunkedCookie } from "./core/cookies/chunking.js";
import { parseCookies } from "./core/cookies/serialize.js";
import { HOST_COOKIE_CLAIM } from "./core/session/previous-cookie.js";
import { stampClaims, tokenCodec } from "./core/session/token.js";
import type { JWT } from "./core/types.js";

export type { JWT } from "./core/types.js";

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

/** Decrypts a session token: its claims, or `null` if it is invalid, tampered with or expired. */
export async function decode({ token, secret, salt = SESSION_TOKEN_SALT }: DecodeParams): Promise<JWT | null> {
  if (!token) return null;
  return tokenCodec(resolveSecrets(secret), salt).decode(token);
}

type HeadersLike = Headers | Record<string, string | string[] | undefined>;

export interface GetTokenParams {
  /** A `Request`, or anything with its headers (a Node `IncomingMessage`, Next's `req`). */
  req: { headers: HeadersLike; url?: string };
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
  /** Return the encrypted token instead of its claims. */
  raw?: boolean;
}

function header(headers: HeadersLike, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return Array.isArray(value) ? value.join(name === "cookie" ? "; " : ", ") : (value ?? null);
}

/**
 * The session token of a request, from its (possibly chunked) cookie or an `Authorization: Bearer` header.
 *
 * @example
 * ```ts
 * const token = await getToken({ req: request });
 * if (token?.role !== "admin") return new Response("Forbidden", { status: 403 });
 * ```
 */
export async function getToken(params: GetTokenParams & { raw: true }): Promise<string | null>;
export async function getToken(params: GetTokenParams & { raw?: false }): Promise<JWT | null>;
export async function getToken(params: GetTokenParams): Promise<JWT | string | null> {
  const { req, secret, salt, raw } = params;
  const secure = params.secureCookie ?? (req.url?.startsWith("https:") || false);
  const { name, previousName } = params.cookieName ? { name: params.cookieName, previousName: undefined } : resolveCookies(secure).sessionToken;
  const cookies = parseCookies(header(req.headers, "cookie"));
  let token = readChunkedCookie(cookies, name);
  const previous = token === undefined && previousName ? readChunkedCookie(cookies, previousName) : undefined;
  if (previous) {
    // Only a token issued before the move to `__Host-` is read under the old name (see previous-cookie.ts).
    const claims = await decode({ token: previous, secret, salt });
    if (!claims || claims[HOST_COOKIE_CLAIM] !== undefined) return null;
    return raw ? previous : claims;
  }
  const authorization = header(req.headers, "authorization");
  if (!token && authorization?.startsWith("Bearer ")) token = authorization.slice(7).trim();
  if (!token) return null;
  if (raw) return token;
  return decode({ token, secret, salt });
}
