/**
 * Everything about one request that the routes need: the app's public origin (trusted only from `AUTH_URL`
 * or an explicitly trusted host), whether cookies must be `Secure`, and the parsed cookies. The origin is
 * worked out on first use, so reading a session (which needs none of it) stays cheap and works even where
 * the host is not trusted.
 *
 * Sesame's own code reads only the request's head (URL, method, headers). Where there is no Request to
 * begin with (a Next.js Server Component has only its headers), the full Request the app's callbacks get
 * (`authorize(credentials, request)`, …) is built on first use, so a session read never pays for it.
 */
import type { Wire } from "./config/options.js";
import type { ResolvedConfig } from "./config/resolve.js";
import type { CookieJar } from "./cookies/names.js";
import { parseCookies } from "./cookies/serialize.js";
import { UntrustedHost } from "./errors.js";

/** What Sesame reads of a request. A `Request` is one. */
export interface RequestHead {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
}

export interface RequestContext {
  /** The request, for the app's callbacks. */
  readonly request: Request;
  /** The request's URL, method and headers: what Sesame itself reads. */
  head: RequestHead;
  /** `head.url`, parsed on first use so that the router and the routes share one parse; copy it before changing it. */
  readonly url: URL;
  config: ResolvedConfig;
  /** The app's public origin, e.g. `https://example.com`: the base of every URL Sesame builds. */
  readonly origin: string;
  /** `origin` + `basePath`. */
  readonly authBase: string;
  secure: boolean;
  cookies: Map<string, string>;
  jar: CookieJar;
  /** The NextAuth client generation the routes answer like: the `wire` option, else how the app mounted the handler. */
  readonly wire: Wire;
}

/**
 * The context of one request. `mountedAs` is what the way the app mounted the handler says about its
 * clients (`NextAuth(authOptions)` as the route handler is next-auth 4's way); the `wire` option wins over it.
 */
export function createContext(head: RequestHead, config: ResolvedConfig, mountedAs: Wire = "v5"): RequestContext {
  return new Context(head, config, config.wire ?? mountedAs);
}

/**
 * A class rather than an object literal with getters: V8 defines a literal's accessors anew for every
 * object, which cost more than reading a remembered session.
 */
class Context implements RequestContext {
  head: RequestHead;
  config: ResolvedConfig;
  secure: boolean;
  cookies: Map<string, string>;
  jar: CookieJar;
  readonly wire: Wire;
  #request: Request | undefined;
  #url: URL | undefined;
  #origin: string | undefined;

  constructor(head: RequestHead, config: ResolvedConfig, wire: Wire) {
    this.head = head;
    this.wire = wire;
    this.config = config;
    this.secure = config.useSecureCookies ?? isHttps(head, config);
    this.cookies = parseCookies(head.headers.get("cookie"));
    this.jar = config.cookies(this.secure);
  }

  get request(): Request {
    return (this.#request ??= requestOf(this.head));
  }

  get url(): URL {
    return (this.#url ??= new URL(this.head.url));
  }

  get origin(): string {
    return (this.#origin ??= publicOrigin(this, this.config));
  }

  get authBase(): string {
    return this.origin + this.config.basePath;
  }
}

/** Request headers as a `Headers` object or as Node's `IncomingMessage` has them (a record, some values lists). */
export type HeadersLike = Headers | Record<string, string | string[] | undefined>;

/** Anything carrying a request's headers: a `Request`, a Node `IncomingMessage`, Next's Pages Router `req`. */
export interface RequestLike {
  headers: HeadersLike;
  /** A full URL, or (Node) the path alone: the origin then comes from the `Host` / `X-Forwarded-Proto` headers. */
  url?: string;
  /** Default: `GET`. */
  method?: string;
}

/** The head Sesame reads of any request-like object; a `Request` is used as it is. */
export function requestHeadOf(req: RequestLike): RequestHead {
  if (req instanceof Request) return req;
  const headers = req.headers instanceof Headers ? req.headers : headersOf(req.headers);
  const url = req.url ?? "/";
  if (/^https?:\/\//i.test(url)) return { url, method: req.method ?? "GET", headers };
  // The path is parsed on its own and the Host header set through the URL's `host`, which takes a host and
  // port and nothing else: pasted into one string, a Host of `x/api/auth/signout#` would have chosen the route.
  const absolute = new URL(`http://localhost${url.startsWith("/") ? url : `/${url}`}`);
  if (firstValue(headers.get("x-forwarded-proto")) === "https") absolute.protocol = "https:";
  const host = headers.get("host");
  if (host) absolute.host = host;
  return { url: absolute.href, method: req.method ?? "GET", headers };
}

function headersOf(record: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(record)) {
    // Several Cookie headers are one cookie list ("; "); other repeated headers are comma-separated.
    if (value !== undefined) headers.append(name, Array.isArray(value) ? value.join(name.toLowerCase() === "cookie" ? "; " : ", ") : value);
  }
  return headers;
}

/** The head itself when it is a Request, else a Request built from it (with no body). */
export function requestOf(head: RequestHead): Request {
  return head instanceof Request ? head : new Request(head.url, { method: head.method, headers: head.headers });
}

function isHttps(request: RequestHead, config: ResolvedConfig): boolean {
  if (config.authUrl) return config.authUrl.protocol === "https:";
  const forwarded = config.trustHost ? firstValue(request.headers.get("x-forwarded-proto")) : undefined;
  return forwarded ? forwarded === "https" : request.url.startsWith("https:");
}

function publicOrigin(context: Pick<RequestContext, "head" | "url">, config: ResolvedConfig): string {
  if (config.authUrl) return config.authUrl.origin;
  if (!config.trustHost) {
    throw new UntrustedHost(
      "The app's URL is not configured, and the request's Host header is not trusted in production. " +
        "Set AUTH_URL to the public URL of the app, or set `trustHost: true` (AUTH_TRUST_HOST=true) when a " +
        "proxy you control sets the Host / X-Forwarded-Host header.",
    );
  }
  const { headers } = context.head;
  const { url } = context;
  const host = firstValue(headers.get("x-forwarded-host")) ?? headers.get("host") ?? url.host;
  const proto = firstValue(headers.get("x-forwarded-proto")) ?? url.protocol.slice(0, -1);
  try {
    return new URL(`${proto === "https" ? "https" : "http"}://${host}`).origin;
  } catch {
    return url.origin;
  }
}

function firstValue(header: string | null): string | undefined {
  return header?.split(",")[0]?.trim() || undefined;
}
