/**
 * Logto (OpenID Connect). `issuer` is the tenant's OIDC URL (`https://<tenant>.logto.app/oidc`); standard
 * claims, the email verified when `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The Logto provider (id `"logto"`). Client id and secret default to `AUTH_LOGTO_ID` / `AUTH_LOGTO_SECRET`; `issuer` (required) defaults to `AUTH_LOGTO_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Logto from "sesame-auth/providers/logto";
 * export const { handlers, auth } = Sesame({ providers: [Logto({ issuer: "https://…" })] });
 * ```
 */
export default preset({
  id: "logto",
  name: "Logto",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
