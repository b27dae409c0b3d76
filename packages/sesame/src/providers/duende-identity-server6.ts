/**
 * Duende IdentityServer 6 (OpenID Connect). `issuer` is the server's URL; standard claims, the email verified
 * when `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The Duende IdentityServer 6 provider (id `"duende-identity-server6"`). Client id and secret default to `AUTH_DUENDE_IDENTITY_SERVER6_ID` / `AUTH_DUENDE_IDENTITY_SERVER6_SECRET`; `issuer` (required) defaults to `AUTH_DUENDE_IDENTITY_SERVER6_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import DuendeIdentityServer6 from "sesame-auth/providers/duende-identity-server6";
 * export const { handlers, auth } = Sesame({ providers: [DuendeIdentityServer6({ issuer: "https://…" })] });
 * ```
 */
export default preset({
  id: "duende-identity-server6",
  name: "Duende IdentityServer 6",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
