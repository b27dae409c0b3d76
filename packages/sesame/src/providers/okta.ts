/**
 * Okta (OpenID Connect): `Okta({ issuer: "https://your-org.okta.com" })` or `AUTH_OKTA_ISSUER`.
 * The email counts as verified only when the ID token or userinfo says `email_verified: true`.
 */
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
