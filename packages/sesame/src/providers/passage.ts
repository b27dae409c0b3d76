/**
 * Passage by 1Password (OpenID Connect). `issuer` is `https://auth.passage.id/v1/apps/<app id>`; standard
 * claims, the email verified when `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The Passage by 1Password provider (id `"passage"`). Client id and secret default to `AUTH_PASSAGE_ID` / `AUTH_PASSAGE_SECRET`; `issuer` (required) defaults to `AUTH_PASSAGE_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Passage from "sesame-auth/providers/passage";
 * export const { handlers, auth } = Sesame({ providers: [Passage({ issuer: "https://…" })] });
 * ```
 */
export default preset({
  id: "passage",
  name: "Passage by 1Password",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
