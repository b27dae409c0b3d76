/**
 * authentik (OpenID Connect). `issuer` is the application's URL
 * (`https://authentik.example.com/application/o/<slug>/`); standard claims, the email verified when
 * `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The authentik provider (id `"authentik"`). Client id and secret default to `AUTH_AUTHENTIK_ID` / `AUTH_AUTHENTIK_SECRET`; `issuer` (required) defaults to `AUTH_AUTHENTIK_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Authentik from "sesame-auth/providers/authentik";
 * export const { handlers, auth } = Sesame({ providers: [Authentik({ issuer: "https://…" })] });
 * ```
 */
export default preset({
  id: "authentik",
  name: "authentik",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
