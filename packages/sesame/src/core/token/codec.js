/**
 * The session token: a compact JWE (see jwe.ts) whose plaintext is the JWT claims.
 *
 * Decrypted tokens are remembered (plaintext and expiry, keyed by the exact token string) so that the
 * cookie a browser sends on every request is decrypted once, not every time. A hit is only ever the exact
 * string that already decrypted and authenticated under these same keys; expiry is checked on every read.
 */
import { cipher } from "#jwe";
import { BoundedCache } from "../bounded-cache.js";
import { randomString } from "../random.js";
import { keyRing } from "../keys.js";
import { headerTable } from "./jwe.js";
import { CLOCK_TOLERANCE_SECONDS, nowSeconds } from "../clock.js";
import { isPlainObject } from "../plain-object.js";
/** Tokens longer than this are not even parsed: no legitimate session needs four full cookies. */
const MAX_TOKEN_LENGTH = 16 * 1024;
const DECODED_CACHE_ENTRIES = 10_000;
/** 132 random bits, more than a UUID's 122, in 22 characters instead of 36. */
const JTI_LENGTH = 22;
const codecs = new Map();
/** The codec for these secrets and salt, created once: it holds the derived keys and the decoded cache. */
export function tokenCodec(secrets, salt) {
    const id = `${salt}\0${secrets.join("\0")}`;
    let codec = codecs.get(id);
    if (!codec) {
        if (codecs.size >= 64)
            codecs.delete(codecs.keys().next().value);
        codec = createCodec(keyRing(secrets, salt, "AES-GCM").then(headerTable));
        codecs.set(id, codec);
    }
    return codec;
}
/**
 * `claims` with `iat` now, `exp` `maxAge` seconds later (or `expiresAt`, when the token must not outlive an
 * earlier expiry), and a `jti` (kept across renewals, so that revoking it kills every copy).
 */
export function stampClaims(claims, maxAge, expiresAt) {
    const iat = nowSeconds();
    const jti = claims.jti ?? randomString(JTI_LENGTH);
    return { ...claims, iat, exp: expiresAt ?? iat + maxAge, jti };
}
function createCodec(headers) {
    const decoded = new BoundedCache(DECODED_CACHE_ENTRIES);
    function decodeRemembered(token) {
        const hit = decoded.get(token);
        if (!hit)
            return undefined;
        if (hit.exp + CLOCK_TOLERANCE_SECONDS > nowSeconds())
            return JSON.parse(hit.plaintext);
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
            if (remembered !== undefined)
                return remembered;
            const now = nowSeconds();
            if (token.length > MAX_TOKEN_LENGTH)
                return null;
            const keys = (await headers).candidates.get(token.slice(0, token.indexOf(".")));
            if (!keys)
                return null;
            for (const key of keys) {
                const plaintext = await cipher.open(token, key);
                if (plaintext === null)
                    continue;
                const claims = parseClaims(plaintext);
                if (!claims || claims.exp + CLOCK_TOLERANCE_SECONDS <= now)
                    return null;
                decoded.set(token, { plaintext, exp: claims.exp });
                return claims;
            }
            return null;
        },
    };
}
function parseClaims(plaintext) {
    try {
        const claims = JSON.parse(plaintext);
        if (!isPlainObject(claims))
            return null;
        const { exp } = claims;
        return typeof exp === "number" && Number.isFinite(exp) ? claims : null;
    }
    catch {
        return null;
    }
}
