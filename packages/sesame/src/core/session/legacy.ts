/**
 * Moving from NextAuth without signing anyone out: session cookies written by next-auth 4 and by Auth.js v5
 * (`@auth/core`) are read with their own key derivation and algorithms (through jose), when the app keeps
 * its secret, and replaced by a Sesame cookie on the same response. Only ever consulted when the request
 * has no Sesame session cookie, so it costs nothing once users have moved over.
 */
import { cipher } from "#jwe";
import { base64url, decodeProtectedHeader, jwtDecrypt } from "jose";
import { BoundedCache } from "../bounded-cache.js";
import type { RequestContext } from "../context.js";
import { clearChunkedCookie, readChunkedCookie } from "../cookies/chunking.js";
import { hkdf, type DerivedKey } from "../keys.js";
import { isPlainObject } from "../plain-object.js";
import { nowSeconds } from "../clock.js";
import type { JWT } from "../types.js";
import { CLOCK_TOLERANCE_SECONDS } from "../clock.js";
import { MAX_TOKEN_LENGTH } from "../token/codec.js";

interface LegacyFormat {
  /** The cookie names this format is written under (http and https). */
  names: readonly string[];
  /** The content encryption its tokens name in their header (always with `"alg": "dir"`). */
  enc: string;
  /** `salt` is `encode`'s: the cookie name for Auth.js v5 (its default here), empty for next-auth 4. */
  decrypt(token: string, secret: string, salt: string): Promise<JWT>;
}

/**
 * Both packages always write an expiry and an id. Requiring them means a migrated session keeps its expiry
 * and stays revocable by its id: a token without them is not one they made.
 */
const REQUIRED_CLAIMS = ["exp", "jti"];

const AUTHJS: LegacyFormat = {
  // Auth.js v5 / @auth/core: dir + A256CBC-HS512, key from HKDF salted with the cookie name.
  names: ["authjs.session-token", "__Secure-authjs.session-token"],
  enc: "A256CBC-HS512",
  async decrypt(token, secret, salt) {
    const key = await cached(`authjs\0${salt}\0${secret}`, () => hkdf(secret, salt, `Auth.js Generated Encryption Key (${salt})`, 512));
    const { payload } = await jwtDecrypt(token, key, {
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: REQUIRED_CLAIMS,
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256CBC-HS512"],
    });
    return payload as JWT;
  },
};

/** The header next-auth 4 writes, exactly: jose's serialisation of `{ alg: "dir", enc: "A256GCM" }`. */
const NEXT_AUTH_4_HEADER = base64url.encode(JSON.stringify({ alg: "dir", enc: "A256GCM" }));

const NEXT_AUTH_4: LegacyFormat = {
  // next-auth 4: dir + A256GCM, key from HKDF salted with `encode`'s salt, empty by default (the cookie's).
  // The same compact JWE as Sesame's own tokens, so it is opened by the same cipher (`#jwe`, node:crypto on
  // Node): `decode` tries this format after Sesame's, for every token that is not Sesame's, and jose would
  // cost twenty times as much per forged token.
  names: ["next-auth.session-token", "__Secure-next-auth.session-token"],
  enc: "A256GCM",
  async decrypt(token, secret, salt) {
    if (!token.startsWith(`${NEXT_AUTH_4_HEADER}.`)) throw new Error("Not a next-auth 4 token.");
    const key = await cached(`v4\0${salt}\0${secret}`, () => aesKey(secret, salt));
    const plaintext = await cipher.open(token, key);
    const claims: unknown = plaintext === null ? null : JSON.parse(plaintext);
    if (!isPlainObject(claims)) throw new Error("Not a next-auth 4 token.");
    const { exp, nbf } = claims;
    // What jose's jwtDecrypt checks of these claims: not expired, already valid (with the same tolerance).
    const now = nowSeconds();
    if (typeof exp !== "number" || exp + CLOCK_TOLERANCE_SECONDS <= now) throw new Error("Expired.");
    if (nbf !== undefined && (typeof nbf !== "number" || nbf - CLOCK_TOLERANCE_SECONDS > now)) throw new Error("Not yet valid.");
    return claims as JWT;
  },
};

async function aesKey(secret: string, salt: string): Promise<DerivedKey> {
  const raw = await hkdf(secret, salt, `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`, 256);
  return { kid: "", raw, key: await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["decrypt"]) };
}

const FORMATS: readonly LegacyFormat[] = [AUTHJS, NEXT_AUTH_4];

/**
 * Keys derived once per secret, salt and format, not for every token: `getToken` and `decode` try the
 * legacy formats whenever Sesame's fails, and a stream of forged tokens must not cost a derivation each.
 * The salts come from the fixed cookie names or the app's own `decode` calls, so a handful of entries.
 */
const derivedKeys = new BoundedCache<string, Promise<unknown>>(64);
function cached<Key>(id: string, derive: () => Promise<Key>): Promise<Key> {
  let key = derivedKeys.get(id) as Promise<Key> | undefined;
  if (!key) derivedKeys.set(id, (key = derive()));
  return key;
}

/** Whether the token's protected header is the format's (`dir` and its `enc`): anything else is not even decrypted. */
function hasHeaderOf(format: LegacyFormat, token: string): boolean {
  try {
    const header = decodeProtectedHeader(token);
    return header.alg === "dir" && header.enc === format.enc;
  } catch {
    return false;
  }
}

/** A legacy token's claims: its `exp` and `jti`, which the Sesame token that replaces it keeps. */
export type LegacyClaims = JWT & { exp: number; jti: string };

/** Whether `name` is a session cookie name next-auth 4 or Auth.js v5 writes. */
export function isLegacySessionCookieName(name: string): boolean {
  return FORMATS.some((format) => format.names.includes(name));
}

/**
 * The claims of a session token next-auth 4 or Auth.js v5 issued under `cookieName`, decrypted with one of
 * `secrets`; `undefined` for anything else (another secret, tampered with, expired, without `exp` or `jti`,
 * or a name neither package writes). A token is only tried in the format of the name it came under, and an
 * Auth.js key is bound to that very name, so a cookie cannot pass for another generation's or another name's.
 */
export async function decryptLegacyToken(token: string, secrets: readonly string[], cookieName: string): Promise<LegacyClaims | undefined> {
  const format = FORMATS.find((f) => f.names.includes(cookieName));
  if (!format) return undefined;
  return decryptWith(format, token, secrets, format === AUTHJS ? cookieName : "");
}

/**
 * The claims of a next-auth 4 or Auth.js v5 token whose cookie name is not known (`decode({ token, salt })`):
 * with `salt` the name of an Auth.js cookie, as Auth.js's own `decode` takes it; otherwise next-auth 4's
 * format with that salt (empty by default, as next-auth 4's `decode`).
 */
export async function decryptLegacyTokenWithSalt(token: string, secrets: readonly string[], salt = ""): Promise<LegacyClaims | undefined> {
  return decryptWith(AUTHJS.names.includes(salt) ? AUTHJS : NEXT_AUTH_4, token, secrets, salt);
}

async function decryptWith(format: LegacyFormat, token: string, secrets: readonly string[], salt: string): Promise<LegacyClaims | undefined> {
  if (token.length > MAX_TOKEN_LENGTH || !hasHeaderOf(format, token)) return undefined;
  for (const secret of secrets) {
    try {
      // `ver` is Sesame's (the user's token version): whatever a NextAuth app stored under that name is
      // not one, and must not lift the token above a `revokeUserSessions`. (`iat` stays, as next-auth's
      // getToken returns it; a Sesame token made from these claims is stamped with its own.)
      const { ver: _ver, ...claims } = await format.decrypt(token, secret, salt);
      if (typeof claims.jti !== "string" || typeof claims.exp !== "number") continue;
      return claims as LegacyClaims;
    } catch {
      // Another secret, or not a valid token at all: try the next.
    }
  }
  return undefined;
}

export interface LegacySession {
  /** The token's claims, with its `exp` and `jti`, which the Sesame token that replaces it keeps. */
  claims: LegacyClaims;
  /** The token as the cookie carried it (joined from its chunks). */
  token: string;
  /** `Set-Cookie` values removing the legacy cookies. */
  clear: string[];
}

/**
 * A valid NextAuth / Auth.js session in the request's cookies, if there is one. The name the app gave its
 * own session cookie (`cookies.sessionToken.name`, which may be next-auth's) is not one of them: that
 * cookie is the session cookie, read in place (see `readSessionToken`), never cleared as a stranger.
 */
export function readLegacySession(context: RequestContext): Promise<LegacySession | undefined> {
  return findLegacySession(context.cookies, context.config.secrets, context.jar.sessionToken.name);
}

/** The first valid NextAuth / Auth.js session among `cookies`, under any name but `ownName`. */
export async function findLegacySession(cookies: Map<string, string>, secrets: readonly string[], ownName?: string): Promise<LegacySession | undefined> {
  for (const format of FORMATS) {
    for (const name of format.names) {
      if (name === ownName) continue;
      const token = readChunkedCookie(cookies, name);
      if (!token) continue;
      const claims = await decryptLegacyToken(token, secrets, name);
      if (!claims) continue;
      const clear = clearChunkedCookie(name, { path: "/", secure: name.startsWith("__Secure-") }, cookies);
      return { claims, token, clear };
    }
  }
  return undefined;
}
