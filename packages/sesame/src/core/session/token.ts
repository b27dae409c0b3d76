/**
 * The session token: a JWE (`dir` + `A256GCM`, via jose) whose plaintext is the JWT claims. GCM with a
 * pre-imported key makes one WebCrypto call per decryption, and the short `kid` keeps the cookie small.
 *
 * Decrypted tokens are remembered (plaintext and expiry, keyed by the exact token string) so that the
 * cookie a browser sends on every request is decrypted once, not every time. A hit is only ever the exact
 * string that already decrypted and authenticated under these same keys; expiry is checked on every read.
 */
import { CompactEncrypt, base64url, compactDecrypt, type CompactJWEHeaderParameters } from "jose";
import type { JWT } from "../types.js";
import { keyRing, type KeyRing } from "../keys.js";

export interface TokenCodec {
  /** Encrypts claims stamped by `stampClaims`. */
  encode(claims: StampedClaims): Promise<string>;
  /** The claims of a valid, unexpired token, or `null` for anything else. Never throws on bad input. */
  decode(token: string): Promise<JWT | null>;
}

/** Tokens longer than this are not even parsed: no legitimate session needs four full cookies. */
const MAX_TOKEN_LENGTH = 16 * 1024;
const DECODED_CACHE_ENTRIES = 10_000;
/** Seconds of clock difference tolerated between the server that issued a token and the one reading it. */
const CLOCK_TOLERANCE_SECONDS = 15;

const DECRYPT_OPTIONS = { keyManagementAlgorithms: ["dir"], contentEncryptionAlgorithms: ["A256GCM"] };

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const codecs = new Map<string, TokenCodec>();

/** The codec for these secrets and salt, created once: it holds the derived keys and the decoded cache. */
export function tokenCodec(secrets: readonly string[], salt: string): TokenCodec {
  const id = `${salt}\0${secrets.join("\0")}`;
  let codec = codecs.get(id);
  if (!codec) {
    if (codecs.size >= 64) codecs.delete(codecs.keys().next().value as string);
    codec = createCodec(keyRing(secrets, salt, "AES-GCM"));
    codecs.set(id, codec);
  }
  return codec;
}

export type StampedClaims = JWT & { iat: number; exp: number; jti: string };

/** `claims` with `iat` now, `exp` `maxAge` seconds later, and a `jti` (kept across renewals). */
export function stampClaims(claims: JWT, maxAge: number): StampedClaims {
  const iat = Math.floor(Date.now() / 1000);
  return { ...claims, iat, exp: iat + maxAge, jti: claims.jti ?? crypto.randomUUID() };
}

interface Decoded {
  plaintext: string;
  exp: number;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

function createCodec(ring: Promise<KeyRing>): TokenCodec {
  const decoded = new Map<string, Decoded>();

  function remember(token: string, entry: Decoded) {
    if (decoded.size >= DECODED_CACHE_ENTRIES) decoded.delete(decoded.keys().next().value as string);
    decoded.set(token, entry);
  }

  return {
    async encode(claims) {
      const { current } = await ring;
      const plaintext = JSON.stringify(claims);
      const token = await new CompactEncrypt(encoder.encode(plaintext))
        .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid: current.kid })
        .encrypt(current.key);
      remember(token, { plaintext, exp: claims.exp });
      return token;
    },

    async decode(token) {
      const now = nowSeconds();
      const hit = decoded.get(token);
      if (hit) {
        if (hit.exp + CLOCK_TOLERANCE_SECONDS > now) return JSON.parse(hit.plaintext) as JWT;
        decoded.delete(token);
        return null;
      }
      if (token.length > MAX_TOKEN_LENGTH || !isCanonical(token)) return null;
      const { byKid } = await ring;
      let plaintext: string;
      try {
        const result = await compactDecrypt(token, (header: CompactJWEHeaderParameters) => {
          const key = header.alg === "dir" && header.enc === "A256GCM" && header.kid ? byKid.get(header.kid) : undefined;
          if (!key) throw new Error("unknown key");
          return key.key;
        }, DECRYPT_OPTIONS);
        plaintext = decoder.decode(result.plaintext);
      } catch {
        return null;
      }
      const claims = parseClaims(plaintext);
      if (!claims || claims.exp + CLOCK_TOLERANCE_SECONDS <= now) return null;
      remember(token, { plaintext, exp: claims.exp });
      return claims;
    },
  };
}

/**
 * Whether every segment is base64url in its one canonical spelling. Decoders ignore stray characters and
 * the unused low bits of the last character, so without this check several strings would decrypt to the
 * same session: harmless for secrecy, but a token must have exactly one valid form.
 */
function isCanonical(token: string): boolean {
  const segments = token.split(".");
  if (segments.length !== 5) return false;
  try {
    return segments.every((segment) => base64url.encode(base64url.decode(segment)) === segment);
  } catch {
    return false;
  }
}

function parseClaims(plaintext: string): (JWT & { exp: number }) | null {
  try {
    const claims: unknown = JSON.parse(plaintext);
    if (typeof claims !== "object" || claims === null || Array.isArray(claims)) return null;
    const { exp } = claims as JWT;
    return typeof exp === "number" && Number.isFinite(exp) ? (claims as JWT & { exp: number }) : null;
  } catch {
    return null;
  }
}
