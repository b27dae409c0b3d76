/**
 * Keys derived from the app secret(s). Each purpose (session encryption, CSRF) gets its own key via HKDF,
 * so a leak of one does not expose the others. Derivation is done once per secret and purpose and cached:
 * it is far too slow to repeat on every request.
 */
import { base64url } from "jose";
const encoder = new TextEncoder();
const cache = new Map();
const CACHE_LIMIT = 64;
export async function hkdf(secret, salt, info, bits) {
    const ikm = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveBits"]);
    const params = { name: "HKDF", hash: "SHA-256", salt: encoder.encode(salt), info: encoder.encode(info) };
    return new Uint8Array(await crypto.subtle.deriveBits(params, ikm, bits));
}
async function deriveKey(secret, salt, algorithm) {
    const raw = await hkdf(secret, salt, `sesame ${algorithm} key`, 256);
    const key = algorithm === "AES-GCM"
        ? await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"])
        : await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    // The kid comes from its own HKDF output: it identifies the key without revealing anything about it.
    // 24 bits tell a handful of rotated secrets apart; a collision only costs a second decryption attempt.
    const kid = base64url.encode(await hkdf(secret, salt, "sesame key id", 24));
    return { kid, key, raw };
}
/** The key ring for `secrets` (first one current) and `salt` (the purpose), derived once and cached. */
export function keyRing(secrets, salt, algorithm) {
    const cacheKey = `${algorithm}\0${salt}\0${secrets.join("\0")}`;
    let ring = cache.get(cacheKey);
    if (!ring) {
        if (cache.size >= CACHE_LIMIT)
            cache.delete(cache.keys().next().value);
        ring = Promise.all(secrets.map((secret) => deriveKey(secret, salt, algorithm))).then(([current, ...older]) => {
            if (!current)
                throw new TypeError("keyRing needs at least one secret");
            return { current, byKid: new Map([current, ...older].map((k) => [k.kid, k])) };
        });
        // A failed derivation must not poison the cache for the next request.
        ring.catch(() => cache.delete(cacheKey));
        cache.set(cacheKey, ring);
    }
    return ring;
}
