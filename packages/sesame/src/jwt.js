/**
 * Session tokens outside the auth routes: `encode` / `decode` a token, `getToken` reads the one a request
 * carries. Signatures follow `next-auth/jwt` so existing code keeps working.
 */
import { resolveSecrets } from "./core/config/env.js";
import { DEFAULT_SESSION_MAX_AGE_SECONDS, resolveConfig, SESSION_TOKEN_SALT } from "./core/config/resolve.js";
import { createContext, requestHeadOf } from "./core/context.js";
import { resolveCookies } from "./core/cookies/names.js";
import { readChunkedCookie } from "./core/cookies/chunking.js";
import { parseCookies } from "./core/cookies/serialize.js";
import { HOST_COOKIE_CLAIM } from "./core/session/previous-cookie.js";
import { sessionTokenOf } from "./core/session/jwt-session.js";
import { readSession } from "./core/session/read.js";
import { stampClaims, tokenCodec } from "./core/token/codec.js";
/**
 * Encrypts a session token.
 *
 * @example
 * ```ts
 * const token = await encode({ token: { sub: "42", name: "Alice" }, maxAge: 3600 });
 * ```
 */
export async function encode({ token, secret, maxAge = DEFAULT_SESSION_MAX_AGE_SECONDS, salt = SESSION_TOKEN_SALT }) {
    return tokenCodec(resolveSecrets(secret), salt).encode(stampClaims(token, maxAge));
}
/**
 * Decrypts a session token: its claims, or `null` if it is invalid, tampered with or expired. It does not
 * know whether the session was signed out or revoked: to read a request's session, use `getToken` with
 * `config`, or `getSession`.
 *
 * @example
 * ```ts
 * import { decode } from "sesame-auth/jwt";
 * const claims = await decode({ token, secret: process.env.AUTH_SECRET });
 * if (!claims) return new Response("Invalid token", { status: 401 });
 * ```
 */
export async function decode({ token, secret, salt = SESSION_TOKEN_SALT }) {
    if (!token)
        return null;
    return tokenCodec(resolveSecrets(secret), salt).decode(token);
}
function header(headers, name) {
    if (headers instanceof Headers)
        return headers.get(name);
    const value = headers[name];
    return Array.isArray(value) ? value.join(name === "cookie" ? "; " : ", ") : (value ?? null);
}
export async function getToken(params) {
    if (params.config)
        return verifiedToken(params.req, params.config, params.raw);
    const { req, secret, salt, raw } = params;
    const secure = params.secureCookie ?? (req.url?.startsWith("https:") || false);
    const { name, previousName } = params.cookieName ? { name: params.cookieName, previousName: undefined } : resolveCookies(secure).sessionToken;
    const cookies = parseCookies(header(req.headers, "cookie"));
    let token = readChunkedCookie(cookies, name);
    const previous = token === undefined && previousName ? readChunkedCookie(cookies, previousName) : undefined;
    if (previous) {
        // Only a token issued before the move to `__Host-` is read under the old name (see previous-cookie.ts).
        const claims = await decode({ token: previous, secret, salt });
        if (!claims || claims[HOST_COOKIE_CLAIM] !== undefined)
            return null;
        return raw ? previous : claims;
    }
    const authorization = header(req.headers, "authorization");
    if (!token && authorization?.startsWith("Bearer "))
        token = authorization.slice(7).trim();
    if (!token)
        return null;
    if (raw)
        return token;
    return decode({ token, secret, salt });
}
/** The token as a session read sees it: the same pipeline, so the same checks, without writing cookies. */
async function verifiedToken(req, config, raw) {
    const context = createContext(requestHeadOf(req), resolveConfig(config));
    const { token } = await readSession(context, { readOnly: true, tokenOnly: true });
    if (!token || !raw)
        return token;
    return sessionTokenOf(context)?.token ?? null;
}
