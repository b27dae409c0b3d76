/**
 * Azure AD B2C (OpenID Connect). `issuer` is the user flow's issuer in the form whose discovery document sits
 * beneath it: set the user flow's issuer (iss) claim to `https://<tenant>.b2clogin.com/tfp/<tenant id>/<user
 * flow>/v2.0/` and pass that. (next-auth 4's `tenantId` / `primaryUserFlow` cannot name it: the issuer carries
 * the tenant's id, not its name.) The address comes from `emails`; B2C does not say it was verified, so it
 * never counts as verified.
 */
import { preset } from "./preset.js";

/**
 * The Azure AD B2C provider (id `"azure-ad-b2c"`). Client id and secret default to `AUTH_AZURE_AD_B2C_ID` / `AUTH_AZURE_AD_B2C_SECRET`; `issuer` (required) defaults to `AUTH_AZURE_AD_B2C_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import AzureADB2C from "sesame-auth/providers/azure-ad-b2c";
 * export const { handlers, auth } = Sesame({ providers: [AzureADB2C({ issuer: "https://contoso.b2clogin.com/tfp/<tenant id>/B2C_1_signin/v2.0/" })] });
 * ```
 */
export default preset({
  id: "azure-ad-b2c",
  name: "Azure AD B2C",
  type: "oidc",
  profile: { id: "sub", name: ["name", "given_name"], email: ["email", "emails.0"], emailVerified: "never" },
  docs: { refresh: true },
});
