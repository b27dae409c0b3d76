/**
 * Microsoft Entra ID (formerly Azure AD), OpenID Connect v2.0 endpoints of one tenant:
 * `MicrosoftEntraID({ tenantId: "…" })`, or `issuer` / `AUTH_MICROSOFT_ENTRA_ID_ISSUER`. Entra ID does not
 * verify the `email` claim (a tenant administrator can set any address) nor `preferred_username`, so the
 * email never counts as verified: it is not linked on. If your tenants are trusted, say so in your own
 * `profile` (e.g. from the optional `xms_edov` claim).
 */
import type { Profile } from "../core/types.js";
import type { OAuthProvider } from "./oauth.js";
import { presetInfo } from "./preset.js";

/** Entra ID's ID token claims (`oid`: the user across the tenant's apps, used as the account id). */
export interface MicrosoftEntraIDProfile extends Profile {
  sub: string;
  oid: string;
  tid: string;
  name: string;
  email?: string;
  preferred_username: string;
}

/**
 * The Microsoft Entra ID provider (id `"microsoft-entra-id"`) for one tenant: `tenantId`, or `issuer` (default `AUTH_MICROSOFT_ENTRA_ID_ISSUER`). Client id and secret default to `AUTH_MICROSOFT_ENTRA_ID_ID` / `AUTH_MICROSOFT_ENTRA_ID_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import MicrosoftEntraID from "sesame-auth/providers/microsoft-entra-id";
 * export const { handlers, auth } = Sesame({ providers: [MicrosoftEntraID({ tenantId: process.env.ENTRA_TENANT_ID })] }); // AUTH_MICROSOFT_ENTRA_ID_ID, _SECRET
 * ```
 */
export default function MicrosoftEntraID(options: MicrosoftEntraIDOptions = {}): OAuthProvider<MicrosoftEntraIDProfile> {
  return entra("microsoft-entra-id", "Microsoft Entra ID", options);
}

MicrosoftEntraID.info = presetInfo({
  id: "microsoft-entra-id",
  name: "Microsoft Entra ID",
  type: "oidc",
  profile: { id: ["oid", "sub"], name: "name", email: ["email", "preferred_username"], emailVerified: "never" },
  docs: { refresh: true, note: "`tenantId` or `issuer`; the id is `oid`" },
});

/**
 * Options of the Microsoft Entra ID (and Azure AD) presets: any provider option, plus `tenantId`.
 *
 * @example
 * ```ts
 * MicrosoftEntraID({ tenantId: "contoso.onmicrosoft.com" })
 * ```
 */
export type MicrosoftEntraIDOptions = Partial<OAuthProvider<MicrosoftEntraIDProfile>> & { tenantId?: string };

/**
 * An Entra ID provider under the given id: what `microsoft-entra-id` and next-auth 4's `azure-ad` both are.
 *
 * @example
 * ```ts
 * entra("azure-ad", "Azure Active Directory", { tenantId: "contoso" })
 * ```
 */
export function entra(id: string, name: string, { tenantId, ...options }: MicrosoftEntraIDOptions): OAuthProvider<MicrosoftEntraIDProfile> {
  return {
    id,
    name,
    type: "oidc",
    ...(tenantId && { issuer: `https://login.microsoftonline.com/${tenantId}/v2.0` }),
    // `oid` is the same user across the tenant's apps; `sub` differs per app.
    profile: (p) => ({ id: p.oid ?? p.sub, name: p.name, email: p.email ?? p.preferred_username, emailVerified: false, image: null }),
    ...options,
  };
}
