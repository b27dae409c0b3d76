/**
 * LinkedIn (OpenID Connect). Sign In with LinkedIn using OpenID Connect: issuer
 * `https://www.linkedin.com/oauth`, scopes `openid profile email`, the client secret in the body; the email
 * verified when `email_verified` is true. LinkedIn's token endpoint refuses a PKCE verifier for web apps
 * (`invalid_client`) and its ID token carries no `nonce`, so the checks are `state` alone.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The LinkedIn provider (id `"linkedin"`). Client id and secret default to `AUTH_LINKEDIN_ID` / `AUTH_LINKEDIN_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import LinkedIn from "sesame-auth/providers/linkedin";
 * export const { handlers, auth } = Sesame({ providers: [LinkedIn()] });
 * ```
 */
export default preset({
  id: "linkedin",
  name: "LinkedIn",
  type: "oidc",
  issuer: "https://www.linkedin.com/oauth",
  clientAuth: "client_secret_post",
  checks: ["state"],
  profile: standardClaims,
  docs: { refresh: false },
});
