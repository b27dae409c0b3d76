import { parseCookies } from "./cookies/serialize.js";
import { UntrustedHost } from "./errors.js";
export function createContext(head, config) {
    return new Context(head, config);
}
/**
 * A class rather than an object literal with getters: V8 defines a literal's accessors anew for every
 * object, which cost more than reading a remembered session.
 */
class Context {
    head;
    config;
    secure;
    cookies;
    jar;
    #request;
    #url;
    #origin;
    constructor(head, config) {
        this.head = head;
        this.config = config;
        this.secure = config.useSecureCookies ?? isHttps(head, config);
        this.cookies = parseCookies(head.headers.get("cookie"));
        this.jar = config.cookies(this.secure);
    }
    get request() {
        return (this.#request ??= requestOf(this.head));
    }
    get url() {
        return (this.#url ??= new URL(this.head.url));
    }
    get origin() {
        return (this.#origin ??= publicOrigin(this, this.config));
    }
    get authBase() {
        return this.origin + this.config.basePath;
    }
}
/** The head Sesame reads of any request-like object; a `Request` is used as it is. */
export function requestHeadOf(req) {
    if (req instanceof Request)
        return req;
    const headers = req.headers instanceof Headers ? req.headers : headersOf(req.headers);
    const url = req.url ?? "/";
    const absolute = /^https?:\/\//i.test(url)
        ? url
        : `${firstValue(headers.get("x-forwarded-proto")) === "https" ? "https" : "http"}://${headers.get("host") ?? "localhost"}${url.startsWith("/") ? url : `/${url}`}`;
    return { url: absolute, method: req.method ?? "GET", headers };
}
function headersOf(record) {
    const headers = new Headers();
    for (const [name, value] of Object.entries(record)) {
        // Several Cookie headers are one cookie list ("; "); other repeated headers are comma-separated.
        if (value !== undefined)
            headers.append(name, Array.isArray(value) ? value.join(name.toLowerCase() === "cookie" ? "; " : ", ") : value);
    }
    return headers;
}
/** The head itself when it is a Request, else a Request built from it (with no body). */
export function requestOf(head) {
    return head instanceof Request ? head : new Request(head.url, { method: head.method, headers: head.headers });
}
function isHttps(request, config) {
    if (config.authUrl)
        return config.authUrl.protocol === "https:";
    const forwarded = config.trustHost ? firstValue(request.headers.get("x-forwarded-proto")) : undefined;
    return forwarded ? forwarded === "https" : request.url.startsWith("https:");
}
function publicOrigin(context, config) {
    if (config.authUrl)
        return config.authUrl.origin;
    if (!config.trustHost) {
        throw new UntrustedHost("The app's URL is not configured, and the request's Host header is not trusted in production. " +
            "Set AUTH_URL to the public URL of the app, or set `trustHost: true` (AUTH_TRUST_HOST=true) when a " +
            "proxy you control sets the Host / X-Forwarded-Host header.");
    }
    const { headers } = context.head;
    const { url } = context;
    const host = firstValue(headers.get("x-forwarded-host")) ?? headers.get("host") ?? url.host;
    const proto = firstValue(headers.get("x-forwarded-proto")) ?? url.protocol.slice(0, -1);
    try {
        return new URL(`${proto === "https" ? "https" : "http"}://${host}`).origin;
    }
    catch {
        return url.origin;
    }
}
function firstValue(header) {
    return header?.split(",")[0]?.trim() || undefined;
}
