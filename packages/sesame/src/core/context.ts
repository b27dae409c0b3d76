/**
 * Everything about one request that the routes need, worked out once: the app's public origin (trusted
 * only from `AUTH_URL` or an explicitly trusted host), whether cookies must be `Secure`, and the parsed cookies.
 */
import type { ResolvedConfig } from "./config.js";
import type { CookieJar } from "./cookies/names.js";
import { parseCookies } from "./cookies/serialize.js";
import { UntrustedHost } from "./errors.js";

export interface RequestContext {
  request: Request;
  config: ResolvedConfig;
  /** The app's public origin, e.g. `https://example.com`: the base of every URL Sesame builds. */
  origin: string;
  /** `origin` + `basePath`. */
  authBase: string;
  secure: boolean;
  cookies: Map<string, string>;
  jar: CookieJar;
}

export function createContext(request: Request, config: ResolvedConfig): RequestContext {
  const origin = publicOrigin(request, config);
  const secure = config.useSecureCookies ?? origin.startsWith("https:");
  return {
    request,
    config,
    origin,
    authBase: origin + config.basePath,
    secure,
    cookies: parseCookies(request.headers.get("cookie")),
    jar: config.cookies(secure),
  };
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
