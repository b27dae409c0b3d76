/**
 * Beyond Identity (OpenID Connect). `issuer` is the application's issuer URL; standard claims, the email
 * verified when `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The Beyond Identity provider (id `"beyondidentity"`). Client id and secret default to `AUTH_BEYONDIDENTITY_ID` / `AUTH_BEYONDIDENTITY_SECRET`; `issuer` (required) defaults to `AUTH_BEYONDIDENTITY_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import BeyondIdentity from "sesame-auth/providers/beyondidentity";
 * export const { handlers, auth } = Sesame({ providers: [BeyondIdentity({ issuer: "https://…" })] });
 * ```
 */
export default preset({
  id: "beyondidentity",
  name: "Beyond Identity",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
