/**
 * The compact JWE form of session tokens, `dir` + `A256GCM` (RFC 7516): `header..iv.ciphertext.tag`, with
 * the base64url header as additional authenticated data. Sesame only ever writes a few exact headers, so
 * reading a token starts by looking its header segment up among them: anything else is refused before
 * any cryptography, and no attacker-chosen header is ever parsed.
 *
 * Sealing and opening are done by `#jwe`: jose (WebCrypto) everywhere, `node:crypto` on Node, where
 * WebCrypto's asynchronous jobs cost several times the cipher itself. Both produce the same tokens.
 */
import { base64url } from "jose";
function knownHeader(params) {
    return { params, segment: base64url.encode(JSON.stringify(params)) };
}
/**
 * With one secret there is nothing to choose between, so the header carries no `kid` (the cookie is 20
 * bytes smaller). With several, new tokens name their key; tokens without a `kid` (issued before the
 * rotation began) are tried against every key, newest first.
 */
export function headerTable({ current, byKid }) {
    const keys = [...byKid.values()];
    const bare = knownHeader({ alg: "dir", enc: "A256GCM" });
    const candidates = new Map([[bare.segment, keys]]);
    for (const key of keys)
        candidates.set(knownHeader({ alg: "dir", enc: "A256GCM", kid: key.kid }).segment, [key]);
    const header = keys.length === 1 ? bare : knownHeader({ alg: "dir", enc: "A256GCM", kid: current.kid });
    return { current: header, currentKey: current, candidates };
}
