/**
 * Sesame speaks `Set-Cookie` strings; Next.js wants cookie objects (`cookies().set`) and, in the proxy,
 * the request's `cookie` header as the page render will see it. These convert the one into the others.
 */
import { parseCookies } from "../core/integration.js";
/** Parses a `Set-Cookie` value as Sesame writes it. */
export function parseSetCookie(header) {
    const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
    const eq = pair.indexOf("=");
    const cookie = { name: pair.slice(0, eq), value: decodeURIComponent(pair.slice(eq + 1)) };
    for (const attribute of attributes) {
        const [key = "", ...rest] = attribute.split("=");
        const value = rest.join("=");
        switch (key.toLowerCase()) {
            case "max-age":
                cookie.maxAge = Number(value);
                break;
            case "expires":
                cookie.expires = new Date(value);
                break;
            case "domain":
                cookie.domain = value;
                break;
            case "path":
                cookie.path = value;
                break;
            case "httponly":
                cookie.httpOnly = true;
                break;
            case "secure":
                cookie.secure = true;
                break;
            case "samesite":
                cookie.sameSite = value.toLowerCase();
                break;
        }
    }
    return cookie;
}
/** The `cookie` request header after the response's `Set-Cookie` values apply: what the render must see. */
export function cookieHeaderAfter(header, setCookies) {
    const cookies = parseCookies(header);
    for (const set of setCookies) {
        const { name, value, maxAge } = parseSetCookie(set);
        if (maxAge === 0)
            cookies.delete(name);
        else
            cookies.set(name, value);
    }
    return [...cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; ");
}
