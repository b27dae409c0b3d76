/**
 * `#digest` on Node: SHA-256 with `node:crypto`, in the calling thread. WebCrypto's `digest` runs as a job
 * on libuv's thread pool, which for a 43-character secret costs many times the hash itself, and a database
 * session is hashed on every request. Both variants give the same base64url text.
 */
import { createHash } from "node:crypto";
/** SHA-256 of `value`, base64url: how secrets are stored, so that a database leak reveals none. */
export async function sha256(value) {
    return createHash("sha256").update(value, "utf8").digest("base64url");
}
