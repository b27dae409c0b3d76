/**
 * Everything about one request that the routes need: the app's public origin (trusted only from `AUTH_URL`
 * or an explicitly trusted host), whether cookies must be `Secure`, and the parsed cookies. The origin is
 * worked out on first use, so reading a session (which needs none of it) stays cheap and works even where
 * the host is not trusted.
 */
import type { ResolvedConfig } from "./config.js";
import type { CookieJar } from "./cookies/names.js";
import { parseCookies } from "./cookies/serialize.js";
import { UntrustedHost } from "./errors.js";

export interface RequestContext {
  request: Request;
  config: ResolvedConfig;
  /** The app's public origin, e.g. `https://example.com`: the base of every URL Sesame builds. */
  readonly origin: string;
  /** `origin` + `basePath`. */
  readonly authBase: string;
  secure: boolean;
  cookies: Map<string, string>;
  jar: CookieJar;
}

export function createContext(request: Request, config: ResolvedConfig): RequestContext {
  const secure = config.useSecureCookies ?? isHttps(request, config);
  let origin: string | undefined;
  return {
    request,
    config,
    get origin() {
      return (origin ??= publicOrigin(request, config));
    },
    get authBase() {
      return this.origin + config.basePath;
    },
    secure,
    cookies: parseCookies(request.headers.get("cookie")),
    jar: config.cookies(secure),
  };
}

function isHttps(request: Request, config: ResolvedConfig): boolean {
  if (config.authUrl) return config.authUrl.protocol === "https:";
  const forwarded = config.trustHost ? firstValue(request.headers.get("x-forwarded-proto")) : undefined;
  return forwarded ? forwarded === "https" : request.url.startsWith("https:");
}

function publicOrigin(request: Request, config: ResolvedConfig): string {
  if (config.authUrl) return config.authUrl.origin;
  if (!config.trustHost) {
    throw new UntrustedHost(
      "The app's URL is not configured, and the request's Host header is not trusted in production. " +
        "Set AUTH_URL to the public URL of the app, or set `trustHost: true` (AUTH_TRUST_HOST=true) when a " +
        "proxy you control sets the Host / X-Forwarded-Host header.",
    );
  }
  const url = new URL(request.url);
  const host = firstValue(request.headers.get("x-forwarded-host")) ?? request.headers.get("host") ?? url.host;
  const proto = firstValue(request.headers.get("x-forwarded-proto")) ?? url.protocol.slice(0, -1);
  try {
    return new URL(`${proto === "https" ? "https" : "http"}://${host}`).origin;
  } catch {
    return url.origin;
  }
}

function firstValue(header: string | null): string | undefined {
  return header?.split(",")[0]?.trim() || undefined;
}
