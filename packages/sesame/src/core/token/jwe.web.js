/** `#jwe` for every runtime: jose's compact JWE on WebCrypto. */
import { CompactEncrypt, base64url, compactDecrypt } from "jose";
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const DECRYPT_OPTIONS = { keyManagementAlgorithms: ["dir"], contentEncryptionAlgorithms: ["A256GCM"] };
/**
 * Whether every segment is base64url in its one canonical spelling. Decoders ignore stray characters and
 * the unused low bits of the last character, so without this check several strings would open to the same
 * session: harmless for secrecy, but a token must have exactly one valid form.
 */
function isCanonical(segments) {
    try {
        return segments.every((segment) => base64url.encode(base64url.decode(segment)) === segment);
    }
    catch {
        return false;
    }
}
export const cipher = {
    async seal(plaintext, header, key) {
        return new CompactEncrypt(encoder.encode(plaintext)).setProtectedHeader(header.params).encrypt(key.key);
    },
    async open(token, key) {
        const segments = token.split(".");
        if (segments.length !== 5 || !isCanonical(segments))
            return null;
        try {
            const { plaintext } = await compactDecrypt(token, key.key, DECRYPT_OPTIONS);
            return decoder.decode(plaintext);
        }
        catch {
            return null;
        }
    },
};
