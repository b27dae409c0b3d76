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
export default function MicrosoftEntraID({ tenantId, ...options } = {}) {
    return {
        id: "microsoft-entra-id",
        name: "Microsoft Entra ID",
        type: "oidc",
        ...(tenantId && { issuer: `https://login.microsoftonline.com/${tenantId}/v2.0` }),
        // `oid` is the same user across the tenant's apps; `sub` differs per app.
        profile: (p) => ({ id: p.oid ?? p.sub, name: p.name, email: p.email ?? p.preferred_username, emailVerified: false, image: null }),
        ...options,
    };
}
