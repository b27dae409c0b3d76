/**
 * Vipps MobilePay (OpenID Connect). Issuer `https://api.vipps.no/access-management-1.0/access/` (the test
 * environment with `issuer`), scopes `openid name email`; the email verified when `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The Vipps MobilePay provider (id `"vipps"`). Client id and secret default to `AUTH_VIPPS_ID` / `AUTH_VIPPS_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Vipps from "sesame-auth/providers/vipps";
 * export const { handlers, auth } = Sesame({ providers: [Vipps()] });
 * ```
 */
export default preset({
  id: "vipps",
  name: "Vipps MobilePay",
  type: "oidc",
  issuer: "https://api.vipps.no/access-management-1.0/access/",
  authorization: { params: { scope: "openid name email" } },
  profile: standardClaims,
  docs: { refresh: false },
});
