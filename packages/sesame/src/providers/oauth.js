/**
 * The default profile mapping (`sub` or `id`, `name`, `email`, `picture`; the email verified only with
 * `email_verified: true`), for custom mappings that change one field.
 *
 * @example
 * ```ts
 * import { OAuth, standardProfile } from "sesame-auth/providers/oauth";
 * OAuth({ ...endpoints, profile: (p) => ({ ...standardProfile(p), id: String(p.user_id) }) })
 * ```
 */
export { standardProfile } from "../core/provider/oauth.js";
/**
 * A provider without a preset. `type` defaults to `"oauth"` (plain OAuth 2.0: give the `authorization`,
 * `token` and `userinfo` endpoints); the profile is mapped by `profile`, else `standardProfile`.
 *
 * @example
 * ```ts
 * import { OAuth } from "sesame-auth/providers/oauth";
 * OAuth({
 *   id: "acme", name: "Acme",
 *   authorization: "https://acme.com/oauth/authorize", token: "https://acme.com/oauth/token", userinfo: "https://api.acme.com/me",
 * })
 * ```
 */
export function OAuth(options) {
    return { type: "oauth", ...options };
}
/**
 * Any OpenID Connect provider, configured from its discovery document. `issuer`, `clientId` and
 * `clientSecret` default to `AUTH_<ID>_ISSUER`, `AUTH_<ID>_ID` and `AUTH_<ID>_SECRET`.
 *
 * @example
 * ```ts
 * OIDC({ id: "corp", name: "Corp SSO", issuer: "https://sso.example.com", clientId: "…", clientSecret: "…" })
 * ```
 */
export function OIDC(options) {
    return { id: "oidc", name: "OpenID Connect", ...options, type: "oidc" };
}
export default OIDC;
