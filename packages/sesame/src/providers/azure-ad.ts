/**
 * Azure Active Directory: next-auth 4's name (`azure-ad`, `AUTH_AZURE_AD_ID` / `_SECRET`) for what is now
 * Microsoft Entra ID. The same preset under the old id, so that existing accounts (`provider: "azure-ad"`)
 * and callback URLs keep working; the email never counts as verified (see microsoft-entra-id.ts).
 */
import MicrosoftEntraID, { entra, type MicrosoftEntraIDOptions, type MicrosoftEntraIDProfile } from "./microsoft-entra-id.js";
import type { OAuthProvider } from "./oauth.js";

/**
 * The Azure AD provider (id `"azure-ad"`) for one tenant: `tenantId`, or `issuer` (`AUTH_AZURE_AD_ISSUER`).
 *
 * @example
 * ```ts
 * import AzureAD from "sesame-auth/providers/azure-ad";
 * export const { handlers, auth } = Sesame({ providers: [AzureAD({ tenantId: process.env.AZURE_AD_TENANT_ID })] });
 * ```
 */
export default function AzureAD(options: MicrosoftEntraIDOptions = {}): OAuthProvider<MicrosoftEntraIDProfile> {
  return entra("azure-ad", "Azure Active Directory", options);
}

AzureAD.info = { ...MicrosoftEntraID.info, id: "azure-ad", name: "Azure Active Directory", note: "next-auth 4's name for Microsoft Entra ID; `tenantId` or `issuer`; `profilePhotoSize` for the Graph photo" };
