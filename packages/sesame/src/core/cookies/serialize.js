/** Reading the `Cookie` header and writing `Set-Cookie` values, for any runtime with Web APIs. */
/** Parses a `Cookie` header. The first occurrence of a name wins, as in browsers' ordering by path length. */
export function parseCookies(header) {
    const cookies = new Map();
    if (!header)
        return cookies;
    for (const pair of header.split(";")) {
        const eq = pair.indexOf("=");
        if (eq === -1)
            continue;
        const name = pair.slice(0, eq).trim();
        if (!name || cookies.has(name))
            continue;
        cookies.set(name, decodeValue(pair.slice(eq + 1).trim()));
    }
    return cookies;
}
function decodeValue(raw) {
    const value = raw.length > 1 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
    if (!value.includes("%"))
        return value;
    try {
        return decodeURIComponent(value);
    }
    catch {
        // A malformed escape is kept as is; whoever reads the value rejects it if it matters.
        return value;
    }
}
// RFC 6265 token characters for names, and cookie-octets for values (we URI-encode anything else).
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const SAFE_VALUE = /^[!#$%&'()*+\-./0-9:<=>?@A-Z[\]^_`a-z{|}~]*$/;
const SAME_SITE = { lax: "Lax", strict: "Strict", none: "None" };
export function serializeCookie(name, value, options = {}) {
    if (!COOKIE_NAME.test(name))
        throw new TypeError(`Invalid cookie name: ${JSON.stringify(name)}`);
    let cookie = `${name}=${SAFE_VALUE.test(value) ? value : encodeURIComponent(value)}`;
    if (options.maxAge !== undefined)
        cookie += `; Max-Age=${Math.max(0, Math.floor(options.maxAge))}`;
    if (options.expires)
        cookie += `; Expires=${options.expires.toUTCString()}`;
    if (options.domain)
        cookie += `; Domain=${options.domain}`;
    cookie += `; Path=${options.path ?? "/"}`;
    if (options.httpOnly)
        cookie += "; HttpOnly";
    if (options.secure)
        cookie += "; Secure";
    if (options.sameSite)
        cookie += `; SameSite=${SAME_SITE[options.sameSite]}`;
    return cookie;
}
/** A `Set-Cookie` value that makes the browser drop the cookie. */
export function expireCookie(name, options) {
    return serializeCookie(name, "", { ...options, maxAge: 0, expires: new Date(0) });
}
