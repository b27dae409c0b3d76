/**
 * Keycloak (OpenID Connect): `Keycloak({ issuer: "https://sso.example.com/realms/main" })` or `AUTH_KEYCLOAK_ISSUER`.
 * The email counts as verified only when the ID token or userinfo says `email_verified: true`.
 */
import type { StandardClaims } from "./oauth.js";
import { preset, standardClaims } from "./preset.js";

/** Keycloak's ID token claims: the standard OpenID Connect ones. */
export type KeycloakProfile = StandardClaims;

/**
 * The Keycloak provider (id `"keycloak"`). `issuer` is the realm URL (default `AUTH_KEYCLOAK_ISSUER`); client id and secret default to `AUTH_KEYCLOAK_ID` / `AUTH_KEYCLOAK_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Keycloak from "sesame-auth/providers/keycloak";
 * export const { handlers, auth } = Sesame({ providers: [Keycloak({ issuer: "https://sso.example.com/realms/main" })] }); // AUTH_KEYCLOAK_ID, AUTH_KEYCLOAK_SECRET
 * ```
 */
export default preset<KeycloakProfile>({
  id: "keycloak",
  name: "Keycloak",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
