/**
 * IdentityServer4 (OpenID Connect). `issuer` is the server's URL; standard claims, the email verified when
 * `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The IdentityServer4 provider (id `"identity-server4"`). Client id and secret default to `AUTH_IDENTITY_SERVER4_ID` / `AUTH_IDENTITY_SERVER4_SECRET`; `issuer` (required) defaults to `AUTH_IDENTITY_SERVER4_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import IdentityServer4 from "sesame-auth/providers/identity-server4";
 * export const { handlers, auth } = Sesame({ providers: [IdentityServer4({ issuer: "https://…" })] });
 * ```
 */
export default preset({
  id: "identity-server4",
  name: "IdentityServer4",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
