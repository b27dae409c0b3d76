/**
 * Keycloak (OpenID Connect): `Keycloak({ issuer: "https://sso.example.com/realms/main" })` or `AUTH_KEYCLOAK_ISSUER`.
 * The email counts as verified only when the ID token or userinfo says `email_verified: true`.
 */
import type { OAuthProvider, StandardClaims } from "./oauth.js";

export type KeycloakProfile = StandardClaims;

export default function Keycloak(options: Partial<OAuthProvider<KeycloakProfile>> = {}): OAuthProvider<KeycloakProfile> {
  return {
    id: "keycloak",
    name: "Keycloak",
    type: "oidc",
    ...options,
  };
}
