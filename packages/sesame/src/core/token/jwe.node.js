/**
 * `#jwe` on Node: the same compact JWE with `node:crypto`'s AES-256-GCM, which runs synchronously instead of
 * as a WebCrypto job. The header segment was already matched against the headers Sesame writes (see
 * jwe.ts), so this only checks the shape of the other segments and lets GCM authenticate everything.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Decodes base64url, refusing every spelling but the canonical one (Buffer ignores stray characters). */
function decodeCanonical(segment) {
    const bytes = Buffer.from(segment, "base64url");
    return bytes.toString("base64url") === segment ? bytes : null;
}
export const cipher = {
    async seal(plaintext, header, key) {
        const iv = randomBytes(IV_BYTES);
        const gcm = createCipheriv("aes-256-gcm", key.raw, iv, { authTagLength: TAG_BYTES });
        gcm.setAAD(Buffer.from(header.segment, "ascii"));
        const ciphertext = Buffer.concat([gcm.update(plaintext, "utf8"), gcm.final()]);
        return `${header.segment}..${iv.toString("base64url")}.${ciphertext.toString("base64url")}.${gcm.getAuthTag().toString("base64url")}`;
    },
    async open(token, key) {
        const segments = token.split(".");
        if (segments.length !== 5 || segments[1] !== "")
            return null;
        const [header = "", , ivPart = "", ciphertextPart = "", tagPart = ""] = segments;
        const iv = decodeCanonical(ivPart);
        const ciphertext = decodeCanonical(ciphertextPart);
        const tag = decodeCanonical(tagPart);
        if (!iv || !ciphertext || !tag || iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
            return null;
        try {
            const gcm = createDecipheriv("aes-256-gcm", key.raw, iv, { authTagLength: TAG_BYTES });
            gcm.setAAD(Buffer.from(header, "ascii"));
            gcm.setAuthTag(tag);
            return Buffer.concat([gcm.update(ciphertext), gcm.final()]).toString("utf8");
        }
        catch {
            return null;
        }
    },
};
