/**
 * The cookies Sesame sets, their names and attributes. On https the names carry the `__Secure-` / `__Host-`
 * prefixes, which browsers enforce: such a cookie cannot be set by plain http or (for `__Host-`) by a
 * subdomain, so a sibling site cannot plant a session or CSRF cookie.
 */
import type { CookieOptions } from "./serialize.js";

export interface CookieConfig {
  name: string;
  options: CookieOptions;
}

export type CookieKind = "sessionToken" | "csrfToken" | "callbackUrl" | "oauthChecks";

/** What the app may override, per cookie, as in NextAuth's `cookies` option. */
export type CookiesOverrides = Partial<Record<CookieKind, { name?: string; options?: Partial<CookieOptions> }>>;

export type CookieJar = Record<CookieKind, CookieConfig>;

const COOKIE_PREFIX = "sesame";

export function resolveCookies(secure: boolean, overrides: CookiesOverrides = {}): CookieJar {
  const secured = secure ? "__Secure-" : "";
  const base: CookieOptions = { httpOnly: true, sameSite: "lax", path: "/", secure };
  const defaults: CookieJar = {
    sessionToken: { name: `${secured}${COOKIE_PREFIX}.session-token`, options: base },
    csrfToken: { name: `${secure ? "__Host-" : ""}${COOKIE_PREFIX}.csrf-token`, options: base },
    callbackUrl: { name: `${secured}${COOKIE_PREFIX}.callback-url`, options: base },
    // State, PKCE verifier and nonce of an OAuth sign-in in progress: encrypted, and gone after 15 minutes.
    oauthChecks: { name: `${secured}${COOKIE_PREFIX}.oauth-checks`, options: { ...base, maxAge: 15 * 60 } },
  };
  const jar = {} as CookieJar;
  for (const kind of Object.keys(defaults) as CookieKind[]) {
    const override = overrides[kind];
    const options = { ...defaults[kind].options, ...override?.options };
    let name = override?.name ?? defaults[kind].name;
    // `__Host-` forbids a Domain attribute; sharing across subdomains needs the weaker `__Secure-` prefix.
    if (!override?.name && options.domain && name.startsWith("__Host-")) name = `__Secure-${name.slice(7)}`;
    jar[kind] = { name, options };
  }
  return jar;
}
