/**
 * The session token: a compact JWE (see jwe.ts) whose plaintext is the JWT claims.
 *
 * Decrypted tokens are remembered (plaintext and expiry, keyed by the exact token string) so that the
 * cookie a browser sends on every request is decrypted once, not every time. A hit is only ever the exact
 * string that already decrypted and authenticated under these same keys; expiry is checked on every read.
 */
import { cipher } from "#jwe";
import type { JWT } from "../types.js";
import { BoundedCache } from "../bounded-cache.js";
import { randomString } from "../random.js";
import { keyRing } from "../keys.js";
import { headerTable, type HeaderTable } from "./jwe.js";
import { CLOCK_TOLERANCE_SECONDS, nowSeconds } from "../clock.js";
import { isPlainObject } from "../plain-object.js";

export interface TokenCodec {
  /** Encrypts claims stamped by `stampClaims`. */
  encode(claims: StampedClaims): Promise<string>;
  /** The claims of a valid, unexpired token, or `null` for anything else. Never throws on bad input. */
  decode(token: string): Promise<JWT | null>;
  /**
   * `decode` answered from the tokens already decrypted, synchronously: the claims, `null` when the token
   * has expired since, `undefined` when it is not remembered (then only `decode` can tell). Reading a
   * session takes this path on nearly every request, where an `await` would cost a promise for nothing.
   */
  decodeRemembered(token: string): JWT | null | undefined;
}

/** Tokens longer than this are not even parsed: no legitimate session needs four full cookies. */
export const MAX_TOKEN_LENGTH = 16 * 1024;
const DECODED_CACHE_ENTRIES = 10_000;
/** 132 random bits, more than a UUID's 122, in 22 characters instead of 36. */
const JTI_LENGTH = 22;

const codecs = new Map<string, TokenCodec>();

/** The codec for these secrets and salt, created once: it holds the derived keys and the decoded cache. */
export function tokenCodec(secrets: readonly string[], salt: string): TokenCodec {
  const id = `${salt}\0${secrets.join("\0")}`;
  let codec = codecs.get(id);
  if (!codec) {
    if (codecs.size >= 64) codecs.delete(codecs.keys().next().value as string);
    codec = createCodec(keyRing(secrets, salt, "AES-GCM").then(headerTable));
    codecs.set(id, codec);
  }
  return codec;
}

export type StampedClaims = JWT & { iat: number; exp: number; jti: string };

/**
 * `claims` with `iat` now, `exp` `maxAge` seconds later (or `expiresAt`, when the token must not outlive an
 * earlier expiry), and a `jti` (kept across renewals, so that revoking it kills every copy).
 */
export function stampClaims(claims: JWT, maxAge: number, expiresAt?: number): StampedClaims {
  const iat = nowSeconds();
  const jti = claims.jti ?? randomString(JTI_LENGTH);
  return { ...claims, iat, exp: expiresAt ?? iat + maxAge, jti };
}

interface Decoded {
  plaintext: string;
  exp: number;
}

function createCodec(headers: Promise<HeaderTable>): TokenCodec {
  const decoded = new BoundedCache<string, Decoded>(DECODED_CACHE_ENTRIES);

  function decodeRemembered(token: string): JWT | null | undefined {
    const hit = decoded.get(token);
    if (!hit) return undefined;
    if (hit.exp + CLOCK_TOLERANCE_SECONDS > nowSeconds()) return JSON.parse(hit.plaintext) as JWT;
    decoded.delete(token);
    return null;
  }

  return {
    decodeRemembered,

    async encode(claims) {
      const { current, currentKey } = await headers;
      const plaintext = JSON.stringify(claims);
      const token = await cipher.seal(plaintext, current, currentKey);
      decoded.set(token, { plaintext, exp: claims.exp });
      return token;
    },

    async decode(token) {
      const remembered = decodeRemembered(token);
      if (remembered !== undefined) return remembered;
      const now = nowSeconds();
      if (token.length > MAX_TOKEN_LENGTH) return null;
      const keys = (await headers).candidates.get(token.slice(0, token.indexOf(".")));
      if (!keys) return null;
      for (const key of keys) {
        const plaintext = await cipher.open(token, key);
        if (plaintext === null) continue;
        const claims = parseClaims(plaintext);
        if (!claims || claims.exp + CLOCK_TOLERANCE_SECONDS <= now) return null;
        decoded.set(token, { plaintext, exp: claims.exp });
        return claims;
      }
      return null;
    },
  };
}

function parseClaims(plaintext: string): (JWT & { exp: number }) | null {
  try {
    const claims: unknown = JSON.parse(plaintext);
    if (!isPlainObject(claims)) return null;
    const { exp } = claims as JWT;
    return typeof exp === "number" && Number.isFinite(exp) ? (claims as JWT & { exp: number }) : null;
  } catch {
    return null;
  }
}
