/**
 * The Keycloak provider (id `"keycloak"`). `issuer` is the realm URL (default `AUTH_KEYCLOAK_ISSUER`); client id and secret default to `AUTH_KEYCLOAK_ID` / `AUTH_KEYCLOAK_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Keycloak from "sesame-auth/providers/keycloak";
 * export const { handlers, auth } = Sesame({ providers: [Keycloak({ issuer: "https://sso.example.com/realms/main" })] }); // AUTH_KEYCLOAK_ID, AUTH_KEYCLOAK_SECRET
 * ```
 */
export default function Keycloak(options = {}) {
    return {
        id: "keycloak",
        name: "Keycloak",
        type: "oidc",
        ...options,
    };
}
