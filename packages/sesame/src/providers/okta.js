/**
 * The Okta provider (id `"okta"`). `issuer` is the org URL (default `AUTH_OKTA_ISSUER`); client id and secret default to `AUTH_OKTA_ID` / `AUTH_OKTA_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Okta from "sesame-auth/providers/okta";
 * export const { handlers, auth } = Sesame({ providers: [Okta({ issuer: "https://your-org.okta.com" })] }); // AUTH_OKTA_ID, AUTH_OKTA_SECRET
 * ```
 */
export default function Okta(options = {}) {
    return {
        id: "okta",
        name: "Okta",
        type: "oidc",
        ...options,
    };
}
