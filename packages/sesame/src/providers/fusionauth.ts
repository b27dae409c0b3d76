/**
 * FusionAuth (OpenID Connect). `issuer` is the tenant's issuer URL; standard claims, the email verified when
 * `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The FusionAuth provider (id `"fusionauth"`). Client id and secret default to `AUTH_FUSIONAUTH_ID` / `AUTH_FUSIONAUTH_SECRET`; `issuer` (required) defaults to `AUTH_FUSIONAUTH_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import FusionAuth from "sesame-auth/providers/fusionauth";
 * export const { handlers, auth } = Sesame({ providers: [FusionAuth({ issuer: "https://…" })] });
 * ```
 */
export default preset({
  id: "fusionauth",
  name: "FusionAuth",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
