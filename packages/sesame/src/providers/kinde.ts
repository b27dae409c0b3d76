/**
 * Kinde (OpenID Connect). `issuer` is the business domain (`https://<business>.kinde.com`); standard claims,
 * the email verified when `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The Kinde provider (id `"kinde"`). Client id and secret default to `AUTH_KINDE_ID` / `AUTH_KINDE_SECRET`; `issuer` (required) defaults to `AUTH_KINDE_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Kinde from "sesame-auth/providers/kinde";
 * export const { handlers, auth } = Sesame({ providers: [Kinde({ issuer: "https://…" })] });
 * ```
 */
export default preset({
  id: "kinde",
  name: "Kinde",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
