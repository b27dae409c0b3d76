/**
 * The real next-auth 4.24 and Auth.js (@auth/core 0.41) servers as `Request → Response` functions, and a
 * browser tab whose `fetch` reaches one of them with a cookie jar: the references the compat tests compute
 * their expected answers from, next to Sesame.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
// @auth/core is installed for the bench workspace only (as in bench/test/migration.test.ts), not at the root.
import { Auth as authJsAuth, type AuthConfig } from "../../../../bench/node_modules/@auth/core/index.js";
import { parseCookies } from "../../src/core/cookies/serialize.js";
import { ORIGIN, setCookies } from "../support/helpers.js";

export type Server = (request: Request) => Promise<Response>;

const require = createRequire(import.meta.url);
const nextAuth4Dir = dirname(require.resolve("next-auth"));

/** A module of next-auth 4 that its `exports` map does not list (its core), by file. */
export function nextAuth4Module<T>(path: string): T {
  return require(join(nextAuth4Dir, path)) as T;
}

interface InternalResponse {
  status?: number;
  redirect?: string;
}
type AuthHandler = (params: { req: Record<string, unknown>; options: Record<string, unknown> }) => Promise<InternalResponse>;

/**
 * next-auth 4 as its App Router route handler runs it: the request taken apart for its core `AuthHandler`,
 * the answer turned into a Response by its own `toResponse`, and `{ url }` instead of a redirect for
 * `json=true`. Only `next/headers` is left out (the cookies and headers are the request's). Needs
 * `NEXTAUTH_URL` set.
 */
export function nextAuth4Server(options: Record<string, unknown>, basePath = "/api/auth"): Server {
  const { AuthHandler } = nextAuth4Module<{ AuthHandler: AuthHandler }>("core/index.js");
  const { toResponse, getBody } = nextAuth4Module<{
    toResponse(response: InternalResponse): Response;
    getBody(request: Request): Promise<Record<string, string> | undefined>;
  }>("next/utils.js");
  return async (request) => {
    const url = new URL(request.url);
    const [action, providerId] = url.pathname.slice(basePath.length + 1).split("/");
    const query = Object.fromEntries(url.searchParams);
    const body = await getBody(request);
    const internal = await AuthHandler({
      req: {
        body,
        query,
        cookies: Object.fromEntries(parseCookies(request.headers.get("cookie"))),
        headers: Object.fromEntries(request.headers),
        method: request.method,
        action,
        providerId,
        error: query.error ?? providerId,
      },
      options,
    });
    const response = toResponse(internal);
    const location = response.headers.get("location");
    if (body?.json === "true" && location) {
      const headers = new Headers(response.headers);
      headers.delete("location");
      headers.set("content-type", "application/json");
      return new Response(JSON.stringify({ url: location }), { status: internal.status ?? 200, headers });
    }
    return response;
  };
}

/** Auth.js v5's server: `@auth/core`'s `Auth()` at `/api/auth`, trusting the host as its Next.js integration does in development. */
export function authJsServer(config: Omit<AuthConfig, "basePath" | "trustHost">): Server {
  return (request) => authJsAuth(request, { basePath: "/api/auth", trustHost: true, ...config });
}

/** A browser tab: a cookie jar and a `fetch` that reaches `server` (relative URLs resolve against the app's origin). */
export class Tab {
  readonly jar = new Map<string, string>();
  /** Every request the tab made, as `METHOD /path`. */
  readonly requests: string[] = [];

  constructor(readonly server: Server) {}

  fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input), ORIGIN);
    const headers = new Headers(init.headers);
    const cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
    if (cookie) headers.set("cookie", cookie);
    this.requests.push(`${init.method?.toUpperCase() ?? "GET"} ${url.pathname}`);
    const response = await this.server(new Request(url, { ...init, headers }));
    for (const { name, value, attributes } of setCookies(response)) {
      const expired = attributes["max-age"] === "0" || (typeof attributes.expires === "string" && Date.parse(attributes.expires) <= Date.now());
      if (expired || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return response;
  };

  async csrfToken(): Promise<string> {
    return ((await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  }

  /** Posts the credentials form as a page would, with the CSRF token. */
  async postCredentials(fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ csrfToken: await this.csrfToken(), ...fields }),
    });
  }

  /**
   * Follows redirects from `response` while they stay in the app, and returns each stop as `path?query`
   * with only the `params` named (the rest, such as `callbackUrl`, differs by design).
   */
  async redirects(response: Response, params: readonly string[] = ["error", "code", "provider"]): Promise<string[]> {
    const stops: string[] = [];
    for (let hop = 0; hop < 5 && response.status >= 300 && response.status < 400; hop++) {
      const url = new URL(response.headers.get("location")!, ORIGIN);
      const kept = new URLSearchParams(params.flatMap((name) => url.searchParams.getAll(name).map((value) => [name, value])));
      stops.push(`${url.pathname}${kept.size ? `?${kept}` : ""}`);
      if (url.origin !== ORIGIN || !url.pathname.startsWith("/api/auth/")) break;
      response = await this.fetch(url.pathname + url.search);
    }
    return stops;
  }
}
