/**
 * Descope (OpenID Connect). `issuer` is `https://api.descope.com/<project id>`; standard claims, the email
 * verified when `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The Descope provider (id `"descope"`). Client id and secret default to `AUTH_DESCOPE_ID` / `AUTH_DESCOPE_SECRET`; `issuer` (required) defaults to `AUTH_DESCOPE_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Descope from "sesame-auth/providers/descope";
 * export const { handlers, auth } = Sesame({ providers: [Descope({ issuer: "https://…" })] });
 * ```
 */
export default preset({
  id: "descope",
  name: "Descope",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
