/**
 * OneLogin (OpenID Connect). `issuer` is `https://<subdomain>.onelogin.com/oidc/2`; standard claims, the email
 * verified when `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The OneLogin provider (id `"onelogin"`). Client id and secret default to `AUTH_ONELOGIN_ID` / `AUTH_ONELOGIN_SECRET`; `issuer` (required) defaults to `AUTH_ONELOGIN_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import OneLogin from "sesame-auth/providers/onelogin";
 * export const { handlers, auth } = Sesame({ providers: [OneLogin({ issuer: "https://…" })] });
 * ```
 */
export default preset({
  id: "onelogin",
  name: "OneLogin",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
