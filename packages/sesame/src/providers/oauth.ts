/**
 * OAuth 2.0 and OpenID Connect providers: the options every preset fills in, and `OAuth()` / `OIDC()` for
 * providers without a preset. The protocol itself is oauth4webapi's; see core/oauth/ for how it is driven.
 */
import type { OAuthProvider } from "../core/provider/oauth.js";
import type { Profile } from "../core/types.js";

export type { ClientAuthMethod, OAuthProvider, ProviderFetch, StandardClaims, TokenSet } from "../core/provider/oauth.js";
export { standardProfile } from "../core/provider/oauth.js";

/** A provider without a preset. `type` defaults to `"oauth"`. */
export function OAuth<P extends Profile = Profile>(options: Omit<OAuthProvider<P>, "type"> & { type?: "oauth" | "oidc" }): OAuthProvider<P> {
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
export function OIDC<P extends Profile = Profile>(options: Partial<Omit<OAuthProvider<P>, "type">>): OAuthProvider<P> {
  return { id: "oidc", name: "OpenID Connect", ...options, type: "oidc" };
}

export default OIDC;
