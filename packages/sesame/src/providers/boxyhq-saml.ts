/**
 * BoxyHQ SAML (OAuth 2.0). SAML single sign-on through BoxyHQ's SAML Jackson (an OAuth 2.0 front): `issuer` is
 * your Jackson server; pass the tenant and product as authorization params. The email is the SAML IdP's
 * assertion, not verified.
 */
import { preset } from "./preset.js";

/**
 * The BoxyHQ SAML provider (id `"boxyhq-saml"`). Client id and secret default to `AUTH_BOXYHQ_SAML_ID` / `AUTH_BOXYHQ_SAML_SECRET`; `issuer` (required) defaults to `AUTH_BOXYHQ_SAML_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import BoxyHQSAML from "sesame-auth/providers/boxyhq-saml";
 * export const { handlers, auth } = Sesame({ providers: [BoxyHQSAML({ issuer: "https://jackson.example.com", authorization: { params: { tenant: "acme.com", product: "app" } } })] });
 * ```
 */
export default preset({
  id: "boxyhq-saml",
  name: "BoxyHQ SAML",
  type: "oauth",
  instance: true,
  authorization: { url: "/api/oauth/authorize", params: { provider: "saml" } },
  token: "/api/oauth/token",
  userinfo: "/api/oauth/userinfo",
  profile: { id: "id", name: ["name", "firstName+lastName"], email: "email", emailVerified: "never" },
  docs: { refresh: false, note: "`issuer` = the Jackson server" },
});
