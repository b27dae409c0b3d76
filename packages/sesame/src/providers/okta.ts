/** Okta (OpenID Connect): `Okta({ issuer: "https://your-org.okta.com" })` or `AUTH_OKTA_ISSUER`. */
import type { OAuthProvider, StandardClaims } from "./oauth.js";

export type OktaProfile = StandardClaims;

export default function Okta(options: Partial<OAuthProvider<OktaProfile>> = {}): OAuthProvider<OktaProfile> {
  return {
    id: "okta",
    name: "Okta",
    type: "oidc",
    ...options,
  };
}
