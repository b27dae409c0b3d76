/**
 * Salesforce (OpenID Connect). Issuer `https://login.salesforce.com` (a My Domain or sandbox with `issuer`).
 * The user id is Salesforce's `user_id`; the email verified when `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The Salesforce provider (id `"salesforce"`). Client id and secret default to `AUTH_SALESFORCE_ID` / `AUTH_SALESFORCE_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Salesforce from "sesame-auth/providers/salesforce";
 * export const { handlers, auth } = Sesame({ providers: [Salesforce()] });
 * ```
 */
export default preset({
  id: "salesforce",
  name: "Salesforce",
  type: "oidc",
  issuer: "https://login.salesforce.com",
  profile: { ...standardClaims, id: ["user_id", "sub"] },
  docs: { refresh: true, note: "refresh tokens with the `refresh_token` scope" },
});
