/**
 * Frontegg (OpenID Connect). `issuer` is the workspace domain; standard claims, the email verified when
 * `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The Frontegg provider (id `"frontegg"`). Client id and secret default to `AUTH_FRONTEGG_ID` / `AUTH_FRONTEGG_SECRET`; `issuer` (required) defaults to `AUTH_FRONTEGG_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Frontegg from "sesame-auth/providers/frontegg";
 * export const { handlers, auth } = Sesame({ providers: [Frontegg({ issuer: "https://…" })] });
 * ```
 */
export default preset({
  id: "frontegg",
  name: "Frontegg",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
