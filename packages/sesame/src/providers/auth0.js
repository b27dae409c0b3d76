/**
 * The Auth0 provider (id `"auth0"`). `issuer` is the tenant URL (default `AUTH_AUTH0_ISSUER`); client id and secret default to `AUTH_AUTH0_ID` / `AUTH_AUTH0_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Auth0 from "sesame-auth/providers/auth0";
 * export const { handlers, auth } = Sesame({ providers: [Auth0({ issuer: "https://your-tenant.eu.auth0.com" })] }); // AUTH_AUTH0_ID, AUTH_AUTH0_SECRET
 * ```
 */
export default function Auth0(options = {}) {
    return {
        id: "auth0",
        name: "Auth0",
        type: "oidc",
        ...options,
    };
}
