/** Random identifiers and secrets, as base64url text. */
const BASE64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** `length` random base64url characters: 6 bits each (22 characters carry 132 bits). */
export function randomString(length) {
    // Each random byte gives 6 uniform bits (256 is a multiple of 64), so there is no modulo bias.
    let id = "";
    for (const byte of crypto.getRandomValues(new Uint8Array(length)))
        id += BASE64URL_ALPHABET[byte & 63];
    return id;
}
