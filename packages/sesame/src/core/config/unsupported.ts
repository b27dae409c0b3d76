/**
 * NextAuth options Sesame does not implement, refused by name when the config is resolved: a migrated app
 * that relied on one (a custom token format, a session token generator) would otherwise run with it silently
 * ignored. Each entry says what to do instead. Options Sesame shares with NextAuth are not listed.
 */
import { InvalidConfiguration } from "../errors.js";
import { isPlainObject } from "../plain-object.js";
import type { SesameConfig } from "./options.js";

/** Top-level options of next-auth 4 (`AuthOptions`) or Auth.js v5 (`NextAuthConfig`) that Sesame has no equivalent of. */
const UNSUPPORTED_OPTIONS: Record<string, string> = {
  redirectProxyUrl: "Sesame has no redirect proxy: set AUTH_URL in each deployment and register its callback URL with the provider.",
  experimental: "Sesame has no experimental features to enable (WebAuthn passkeys are on with the Passkey() provider, `sesame-auth/providers/passkey`): remove the option.",
  skipCSRFCheck: "Sesame's CSRF check cannot be turned off: remove the option.",
  raw: "Remove the option: it is Auth.js's internal response mode.",
};

const OWN_TOKEN_FORMAT =
  "Sesame encrypts session tokens in its own format, with keys derived from `secret`: remove `jwt.encode` and `jwt.decode` (read tokens elsewhere with `decode` / `getToken` from sesame-auth/jwt).";
const ONE_CHECKS_COOKIE = "Sesame keeps an OAuth sign-in's state, PKCE verifier and nonce in one encrypted cookie: configure `cookies.oauthChecks` instead.";

const UNSUPPORTED_NESTED: Record<string, Record<string, string>> = {
  jwt: {
    encode: OWN_TOKEN_FORMAT,
    decode: OWN_TOKEN_FORMAT,
    secret: "Set the secret once, as `secret` (or AUTH_SECRET).",
    maxAge: "A session token lives as long as its session: set `session.maxAge` instead.",
  },
  session: {
    generateSessionToken: "Database session tokens are random 256-bit values that Sesame generates and stores hashed: remove the option.",
  },
  cookies: {
    pkceCodeVerifier: ONE_CHECKS_COOKIE,
    state: ONE_CHECKS_COOKIE,
    nonce: ONE_CHECKS_COOKIE,
    webauthnChallenge: "Sesame keeps a passkey ceremony's challenge in a cookie of its own: configure `cookies.passkeyChallenge` instead.",
  },
  theme: {
    buttonText: "The built-in pages take `theme.brandColor` and `theme.logo`; for more, use your own page (`pages.signIn`).",
  },
};

/** The callbacks and events Sesame calls: any other name would never be called. */
const KNOWN: Record<"callbacks" | "events", readonly string[]> = {
  callbacks: ["signIn", "authorized", "redirect", "jwt", "session"],
  events: ["signIn", "signOut", "createUser", "linkAccount", "session", "updateUser", "tokenRefreshed", "tokenRefreshFailed", "userCreated", "emailVerified", "passwordReset", "passwordChanged", "emailChanged", "twoFactorEnabled", "twoFactorDisabled", "passkeyAdded", "passkeyRemoved"],
};

/** Throws `InvalidConfiguration` naming the first NextAuth option of `config` that Sesame would ignore. */
export function assertSupportedOptions(config: SesameConfig, sessionMaxAgeSeconds: number): void {
  const options = config as unknown as Record<string, unknown>;
  for (const [name, advice] of Object.entries(UNSUPPORTED_OPTIONS)) {
    if (options[name] !== undefined) throw new InvalidConfiguration(`\`${name}\` is not supported. ${advice}`);
  }
  for (const [parent, children] of Object.entries(UNSUPPORTED_NESTED)) {
    const value = options[parent];
    if (!isPlainObject(value)) continue;
    for (const [name, advice] of Object.entries(children)) {
      const set = value[name];
      if (set === undefined) continue;
      // next-auth 4's default: `jwt.maxAge` equal to `session.maxAge` changes nothing.
      if (parent === "jwt" && name === "maxAge" && set === sessionMaxAgeSeconds) continue;
      throw new InvalidConfiguration(`\`${parent}.${name}\` is not supported. ${advice}`);
    }
  }
  for (const [parent, known] of Object.entries(KNOWN)) {
    const value = options[parent];
    if (!isPlainObject(value)) continue;
    const unknown = Object.keys(value).find((name) => !known.includes(name));
    if (unknown) throw new InvalidConfiguration(`\`${parent}.${unknown}\` is not one of the ${parent} Sesame calls (${known.join(", ")}): it would never run. Remove it or rename it.`);
  }
}
