/**
 * Asgardeo (OpenID Connect). `issuer` is the organisation's token URL
 * (`https://api.asgardeo.io/t/<org>/oauth2/token`); standard claims, the email verified when `email_verified`
 * is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The Asgardeo provider (id `"asgardeo"`). Client id and secret default to `AUTH_ASGARDEO_ID` / `AUTH_ASGARDEO_SECRET`; `issuer` (required) defaults to `AUTH_ASGARDEO_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Asgardeo from "sesame-auth/providers/asgardeo";
 * export const { handlers, auth } = Sesame({ providers: [Asgardeo({ issuer: "https://…" })] });
 * ```
 */
export default preset({
  id: "asgardeo",
  name: "Asgardeo",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
