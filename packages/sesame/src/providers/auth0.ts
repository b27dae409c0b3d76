/**
 * Auth0 (OpenID Connect): `Auth0({ issuer: "https://your-tenant.eu.auth0.com" })` or `AUTH_AUTH0_ISSUER`.
 * The email counts as verified only when the ID token or userinfo says `email_verified: true`.
 */
import type { StandardClaims } from "./oauth.js";
import { preset, standardClaims } from "./preset.js";

/** Auth0's ID token claims: the standard OpenID Connect ones. */
export type Auth0Profile = StandardClaims;

/**
 * The Auth0 provider (id `"auth0"`). `issuer` is the tenant URL (default `AUTH_AUTH0_ISSUER`); client id and secret default to `AUTH_AUTH0_ID` / `AUTH_AUTH0_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Auth0 from "sesame-auth/providers/auth0";
 * export const { handlers, auth } = Sesame({ providers: [Auth0({ issuer: "https://your-tenant.eu.auth0.com" })] }); // AUTH_AUTH0_ID, AUTH_AUTH0_SECRET
 * ```
 */
export default preset<Auth0Profile>({
  id: "auth0",
  name: "Auth0",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
