/**
 * Cognito (OpenID Connect). `issuer` is `https://cognito-idp.<region>.amazonaws.com/<user pool id>`. Cognito
 * sends `email_verified` as a boolean or the string `"true"`; the email counts as verified only then. The name
 * falls back to `cognito:username`.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The Cognito provider (id `"cognito"`). Client id and secret default to `AUTH_COGNITO_ID` / `AUTH_COGNITO_SECRET`; `issuer` (required) defaults to `AUTH_COGNITO_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Cognito from "sesame-auth/providers/cognito";
 * export const { handlers, auth } = Sesame({ providers: [Cognito({ issuer: "https://cognito-idp.eu-west-1.amazonaws.com/<user pool id>" })] });
 * ```
 */
export default preset({
  id: "cognito",
  name: "Cognito",
  type: "oidc",
  profile: { ...standardClaims, name: ["name", "preferred_username", "cognito:username", "username"] },
  docs: { refresh: true },
});
