/** `#digest` for every runtime: SHA-256 on WebCrypto. */
import { base64url } from "jose";
const encoder = new TextEncoder();
/** SHA-256 of `value`, base64url: how secrets are stored, so that a database leak reveals none. */
export async function sha256(value) {
    return base64url.encode(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(value))));
}
