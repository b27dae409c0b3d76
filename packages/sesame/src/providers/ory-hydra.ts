/**
 * Ory Hydra (OpenID Connect). `issuer` is the Hydra public URL; standard claims, the email verified when
 * `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The Ory Hydra provider (id `"ory-hydra"`). Client id and secret default to `AUTH_ORY_HYDRA_ID` / `AUTH_ORY_HYDRA_SECRET`; `issuer` (required) defaults to `AUTH_ORY_HYDRA_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import OryHydra from "sesame-auth/providers/ory-hydra";
 * export const { handlers, auth } = Sesame({ providers: [OryHydra({ issuer: "https://…" })] });
 * ```
 */
export default preset({
  id: "ory-hydra",
  name: "Ory Hydra",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
