/**
 * Azure AD B2C (OpenID Connect). Two ways to name the user flow:
 *
 * - next-auth 4's `tenantId` (the tenant's name, `contoso` of `contoso.onmicrosoft.com`) and `primaryUserFlow`
 *   (`B2C_1_signin`): the discovery document is then read at
 *   `https://<tenant>.b2clogin.com/<tenant>.onmicrosoft.com/<user flow>/v2.0/.well-known/openid-configuration`
 *   (`wellKnown`), and the issuer is the one it names. B2C's issuer carries the tenant's id, not the name in
 *   that path (`https://<tenant>.b2clogin.com/<tenant id>/v2.0/`), so it cannot be written down from these
 *   two; it is accepted only on the document's own origin.
 * - `issuer` (or `AUTH_AZURE_AD_B2C_ISSUER`), when the issuer's own discovery document names it: the user
 *   flow's issuer (iss) claim set to the `https://<tenant>.b2clogin.com/tfp/<tenant id>/<user flow>/v2.0/` form.
 *   It wins over `tenantId` / `primaryUserFlow`.
 *
 * The address comes from `emails`; B2C does not say it was verified, so it never counts as verified.
 */
import { InvalidConfiguration } from "../core/errors.js";
import type { OAuthProvider } from "./oauth.js";
import { preset } from "./preset.js";

/**
 * Options of the Azure AD B2C preset beyond the provider options: next-auth 4's tenant name and user flow.
 *
 * @example
 * ```ts
 * AzureADB2C({ tenantId: "contoso", primaryUserFlow: "B2C_1_signin" })
 * ```
 */
export interface AzureADB2COptions {
  /** The tenant's name: `contoso` for `contoso.onmicrosoft.com` / `contoso.b2clogin.com`. */
  tenantId?: string;
  /** The user flow (policy) to sign in with, e.g. `B2C_1_signin`. */
  primaryUserFlow?: string;
}

/** Where B2C serves a user flow's discovery document, from the tenant's name. */
function userFlowDocument(tenant: string, flow: string): string {
  return `https://${tenant}.b2clogin.com/${tenant}.onmicrosoft.com/${flow}/v2.0/.well-known/openid-configuration`;
}

const b2c = preset({
  id: "azure-ad-b2c",
  name: "Azure AD B2C",
  type: "oidc",
  profile: { id: "sub", name: ["name", "given_name"], email: ["email", "emails.0"], emailVerified: "never" },
  docs: { refresh: true, note: "`tenantId` + `primaryUserFlow` (next-auth 4), or `issuer`" },
});

/**
 * The Azure AD B2C provider (id `"azure-ad-b2c"`). Client id and secret default to `AUTH_AZURE_AD_B2C_ID` / `AUTH_AZURE_AD_B2C_SECRET`; the user flow from `tenantId` + `primaryUserFlow`, or `issuer` (`AUTH_AZURE_AD_B2C_ISSUER`).
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import AzureADB2C from "sesame-auth/providers/azure-ad-b2c";
 * export const { handlers, auth } = Sesame({ providers: [AzureADB2C({ tenantId: "contoso", primaryUserFlow: "B2C_1_signin" })] });
 * ```
 */
export default function AzureADB2C({ tenantId, primaryUserFlow, ...options }: Partial<OAuthProvider> & AzureADB2COptions = {}): OAuthProvider {
  if (Boolean(tenantId) !== Boolean(primaryUserFlow)) {
    throw new InvalidConfiguration('Provider "azure-ad-b2c" needs both `tenantId` (the tenant\'s name) and `primaryUserFlow` (the user flow, e.g. B2C_1_signin), or an `issuer`.');
  }
  const wellKnown = tenantId && primaryUserFlow && !options.issuer ? userFlowDocument(tenantId, primaryUserFlow) : undefined;
  return b2c({ ...(wellKnown && { wellKnown }), ...options });
}

AzureADB2C.info = b2c.info;
