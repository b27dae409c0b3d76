/**
 * ZITADEL (OpenID Connect). `issuer` is the instance URL; standard claims, the email verified when
 * `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The ZITADEL provider (id `"zitadel"`). Client id and secret default to `AUTH_ZITADEL_ID` / `AUTH_ZITADEL_SECRET`; `issuer` (required) defaults to `AUTH_ZITADEL_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Zitadel from "sesame-auth/providers/zitadel";
 * export const { handlers, auth } = Sesame({ providers: [Zitadel({ issuer: "https://…" })] });
 * ```
 */
export default preset({
  id: "zitadel",
  name: "ZITADEL",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
