/**
 * SimpleLogin (OpenID Connect). Issuer `https://app.simplelogin.io`; the email (possibly an alias) verified
 * only when `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The SimpleLogin provider (id `"simplelogin"`). Client id and secret default to `AUTH_SIMPLELOGIN_ID` / `AUTH_SIMPLELOGIN_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import SimpleLogin from "sesame-auth/providers/simplelogin";
 * export const { handlers, auth } = Sesame({ providers: [SimpleLogin()] });
 * ```
 */
export default preset({
  id: "simplelogin",
  name: "SimpleLogin",
  type: "oidc",
  issuer: "https://app.simplelogin.io",
  profile: standardClaims,
  docs: { refresh: false },
});
