/**
 * United Effects (OpenID Connect). `issuer` is the authentication group's URL; standard claims, the email
 * verified when `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The United Effects provider (id `"united-effects"`). Client id and secret default to `AUTH_UNITED_EFFECTS_ID` / `AUTH_UNITED_EFFECTS_SECRET`; `issuer` (required) defaults to `AUTH_UNITED_EFFECTS_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import UnitedEffects from "sesame-auth/providers/united-effects";
 * export const { handlers, auth } = Sesame({ providers: [UnitedEffects({ issuer: "https://…" })] });
 * ```
 */
export default preset({
  id: "united-effects",
  name: "United Effects",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
