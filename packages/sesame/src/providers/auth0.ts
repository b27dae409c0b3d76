/**
 * Auth0 (OpenID Connect): `Auth0({ issuer: "https://your-tenant.eu.auth0.com" })` or `AUTH_AUTH0_ISSUER`.
 * The email counts as verified only when the ID token or userinfo says `email_verified: true`.
 */
import type { OAuthProvider, StandardClaims } from "./oauth.js";

export type Auth0Profile = StandardClaims;

export default function Auth0(options: Partial<OAuthProvider<Auth0Profile>> = {}): OAuthProvider<Auth0Profile> {
  return {
    id: "auth0",
    name: "Auth0",
    type: "oidc",
    ...options,
  };
}
