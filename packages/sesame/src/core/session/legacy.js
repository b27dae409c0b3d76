/**
 * Moving from NextAuth without signing anyone out: session cookies written by next-auth 4 and by Auth.js v5
 * (`@auth/core`) are read with their own key derivation and algorithms (through jose), when the app keeps
 * its secret, and replaced by a Sesame cookie on the same response. Only ever consulted when the request
 * has no Sesame session cookie, so it costs nothing once users have moved over.
 */
import { jwtDecrypt } from "jose";
import { clearChunkedCookie, readChunkedCookie } from "../cookies/chunking.js";
import { hkdf } from "../keys.js";
import { CLOCK_TOLERANCE_SECONDS } from "../clock.js";
/**
 * Both packages always write an expiry and an id. Requiring them means a migrated session keeps its expiry
 * and stays revocable by its id: a token without them is not one they made.
 */
const REQUIRED_CLAIMS = ["exp", "jti"];
const FORMATS = [
    {
        // Auth.js v5 / @auth/core: dir + A256CBC-HS512, key from HKDF salted with the cookie name.
        names: ["authjs.session-token", "__Secure-authjs.session-token"],
        async decrypt(token, secret, cookieName) {
            const key = await hkdf(secret, cookieName, `Auth.js Generated Encryption Key (${cookieName})`, 512);
            const { payload } = await jwtDecrypt(token, key, {
                clockTolerance: CLOCK_TOLERANCE_SECONDS,
                requiredClaims: REQUIRED_CLAIMS,
                keyManagementAlgorithms: ["dir"],
                contentEncryptionAlgorithms: ["A256CBC-HS512"],
            });
            return payload;
        },
    },
    {
        // next-auth 4: dir + A256GCM, key from HKDF with an empty salt.
        names: ["next-auth.session-token", "__Secure-next-auth.session-token"],
        async decrypt(token, secret) {
            const key = await hkdf(secret, "", "NextAuth.js Generated Encryption Key", 256);
            const { payload } = await jwtDecrypt(token, key, {
                clockTolerance: CLOCK_TOLERANCE_SECONDS,
                requiredClaims: REQUIRED_CLAIMS,
                keyManagementAlgorithms: ["dir"],
                contentEncryptionAlgorithms: ["A256GCM"],
            });
            return payload;
        },
    },
];
/** A valid NextAuth / Auth.js session in the request's cookies, if there is one. */
export async function readLegacySession(context) {
    for (const format of FORMATS) {
        for (const name of format.names) {
            const token = readChunkedCookie(context.cookies, name);
            if (!token)
                continue;
            const clear = clearChunkedCookie(name, { path: "/", secure: name.startsWith("__Secure-") }, context.cookies);
            for (const secret of context.config.secrets) {
                try {
                    // `ver` is Sesame's (the user's token version): whatever a NextAuth app stored under that name is
                    // not one, and must not lift the token above a `revokeUserSessions`.
                    const { iat: _iat, ver: _ver, ...claims } = await format.decrypt(token, secret, name);
                    if (typeof claims.jti !== "string" || typeof claims.exp !== "number")
                        continue;
                    return { claims: claims, clear };
                }
                catch {
                    // Another secret, or not a valid token at all: try the next.
                }
            }
        }
    }
    return undefined;
}
