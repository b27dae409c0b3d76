/**
 * The cookies Sesame sets, their names and attributes. On https the names carry the `__Host-` prefix, which
 * browsers enforce: such a cookie is set only by this very host, over https, for Path=/ and without a
 * Domain, so neither plain http nor a sibling subdomain can plant (toss) a session, CSRF, callback-url or
 * check cookie. `__Secure-` alone does not give that: `evil.example.com` may set a `__Secure-` cookie for
 * `.example.com`, which `app.example.com` then receives. Only an app that shares its cookies across
 * subdomains (a `domain` option) or narrows their path falls back to `__Secure-`, and trusts those
 * subdomains by doing so.
 */
import type { CookieOptions } from "./serialize.js";

export interface CookieConfig {
  name: string;
  options: CookieOptions;
  /**
   * The name earlier versions used for this cookie (`__Secure-sesame.session-token`): still read, within
   * limits, so that moving to `__Host-` signs nobody out. See `previousSessionCookie`.
   */
  previousName?: string;
}

export type CookieKind = "sessionToken" | "csrfToken" | "callbackUrl" | "oauthChecks" | "pendingSignIn" | "rememberedDevice" | "passkeyChallenge";

/** What the app may override, per cookie, as in NextAuth's `cookies` option. */
export type CookiesOverrides = Partial<Record<CookieKind, { name?: string; options?: Partial<CookieOptions> }>>;

export type CookieJar = Record<CookieKind, CookieConfig>;

const COOKIE_PREFIX = "sesame";

export function resolveCookies(secure: boolean, overrides: CookiesOverrides = {}): CookieJar {
  const host = secure ? "__Host-" : "";
  const base: CookieOptions = { httpOnly: true, sameSite: "lax", path: "/", secure };
  const defaults: CookieJar = {
    sessionToken: { name: `${host}${COOKIE_PREFIX}.session-token`, options: base },
    csrfToken: { name: `${host}${COOKIE_PREFIX}.csrf-token`, options: base },
    callbackUrl: { name: `${host}${COOKIE_PREFIX}.callback-url`, options: base },
    // State, PKCE verifier and nonce of an OAuth sign-in in progress: encrypted, and gone after 15 minutes.
    oauthChecks: { name: `${host}${COOKIE_PREFIX}.oauth-checks`, options: { ...base, maxAge: 15 * 60 } },
    // A sign-in waiting for its second factor (a random reference, not a session), and a device the user
    // asked to be remembered: each set with its own lifetime.
    pendingSignIn: { name: `${host}${COOKIE_PREFIX}.pending-sign-in`, options: base },
    rememberedDevice: { name: `${host}${COOKIE_PREFIX}.device`, options: base },
    // The challenge of a passkey ceremony in progress, sealed: set with the ceremony's own lifetime.
    passkeyChallenge: { name: `${host}${COOKIE_PREFIX}.passkey-challenge`, options: base },
  };
  const jar = {} as CookieJar;
  for (const kind of Object.keys(defaults) as CookieKind[]) {
    const override = overrides[kind];
    const options = { ...defaults[kind].options, ...override?.options };
    let name = override?.name ?? defaults[kind].name;
    // Browsers refuse a `__Host-` cookie with a Domain or a Path other than `/`: such settings get the
    // weaker `__Secure-` prefix.
    if (!override?.name && name.startsWith("__Host-") && (options.domain || (options.path ?? "/") !== "/")) {
      name = `__Secure-${name.slice(7)}`;
    }
    jar[kind] = { name, options };
  }
  // Only the session is worth carrying over: a lost callback-url or an interrupted sign-in costs a click,
  // and reading their old names would hand the tossing attack its way back in.
  const session = jar.sessionToken;
  if (session.name.startsWith("__Host-") && !overrides.sessionToken?.name) {
    jar.sessionToken = { ...session, previousName: `__Secure-${session.name.slice(7)}` };
  }
  return jar;
}
