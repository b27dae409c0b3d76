/**
 * CSRF protection by signed double submit. The cookie holds `token|signature`, where the signature is an
 * HMAC of the token under a key derived from the secret; a state-changing POST must echo the token in its
 * body. A cross-site attacker can neither read the cookie nor plant one with a valid signature, so a
 * matching body token proves the request came from a page of this app.
 */
import { base64url } from "jose";
import { serializeCookie } from "./cookies/serialize.js";
import { timingSafeEqual } from "./compare.js";
import { MissingCSRF } from "./errors.js";
const TOKEN_BYTES = 32;
const encoder = new TextEncoder();
async function sign(context, token) {
    const { current } = await context.config.csrfKeys;
    return base64url.encode(new Uint8Array(await crypto.subtle.sign("HMAC", current.key, encoder.encode(token))));
}
/** The token of the request's CSRF cookie, if the cookie is present and its signature valid. */
async function tokenFromCookie(context) {
    const value = context.cookies.get(context.jar.csrfToken.name);
    const separator = value?.indexOf("|") ?? -1;
    if (!value || separator < 1)
        return undefined;
    const token = value.slice(0, separator);
    const signature = value.slice(separator + 1);
    const { byKid } = await context.config.csrfKeys;
    // Verify under every secret so that rotating secrets does not break forms that are already open.
    let mac;
    try {
        mac = new Uint8Array(base64url.decode(signature));
    }
    catch {
        return undefined;
    }
    for (const { key } of byKid.values()) {
        if (await crypto.subtle.verify("HMAC", key, mac, encoder.encode(token)))
            return token;
    }
    return undefined;
}
/** The request's CSRF token, issuing a new one (and its cookie) if it has none or an invalid one. */
export async function csrfToken(context) {
    const existing = await tokenFromCookie(context);
    if (existing)
        return { token: existing };
    const token = base64url.encode(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)));
    const { name, options } = context.jar.csrfToken;
    return { token, setCookie: serializeCookie(name, `${token}|${await sign(context, token)}`, options) };
}
/** Throws `MissingCSRF` unless `submitted` matches the token in the request's signed CSRF cookie. */
export async function assertCsrf(context, submitted) {
    if (typeof submitted !== "string" || submitted.length === 0)
        throw new MissingCSRF();
    const expected = await tokenFromCookie(context);
    if (!expected || !timingSafeEqual(submitted, expected))
        throw new MissingCSRF();
}
