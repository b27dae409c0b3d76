/**
 * Okta (OpenID Connect): `Okta({ issuer: "https://your-org.okta.com" })` or `AUTH_OKTA_ISSUER`.
 * The email counts as verified only when the ID token or userinfo says `email_verified: true`.
 */
import type { StandardClaims } from "./oauth.js";
import { preset, standardClaims } from "./preset.js";

/** Okta's ID token claims: the standard OpenID Connect ones. */
export type OktaProfile = StandardClaims;

/**
 * The Okta provider (id `"okta"`). `issuer` is the org URL (default `AUTH_OKTA_ISSUER`); client id and secret default to `AUTH_OKTA_ID` / `AUTH_OKTA_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Okta from "sesame-auth/providers/okta";
 * export const { handlers, auth } = Sesame({ providers: [Okta({ issuer: "https://your-org.okta.com" })] }); // AUTH_OKTA_ID, AUTH_OKTA_SECRET
 * ```
 */
export default preset<OktaProfile>({
  id: "okta",
  name: "Okta",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
