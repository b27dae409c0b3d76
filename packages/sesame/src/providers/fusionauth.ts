/**
 * FusionAuth (OpenID Connect). `issuer` is the tenant's issuer URL; `tenantId` selects the tenant on a
 * multi-tenant instance. Standard claims, the email verified when `email_verified` is true.
 */
import type { StandardClaims } from "./oauth.js";
import { preset, standardClaims, withParams } from "./preset.js";

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
export default preset<StandardClaims, { tenantId?: string }>({
  id: "fusionauth",
  name: "FusionAuth",
  type: "oidc",
  options: { tenantId: (tenantId, facts) => ({ authorization: withParams(facts.authorization, { tenantId }) }) },
  profile: standardClaims,
  docs: { refresh: true },
});
