/**
 * Ping Identity (OpenID Connect). `issuer` is the environment's issuer
 * (`https://auth.pingone.com/<environment>/as`); standard claims, the email verified when `email_verified` is
 * true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The Ping Identity provider (id `"ping-id"`). Client id and secret default to `AUTH_PING_ID_ID` / `AUTH_PING_ID_SECRET`; `issuer` (required) defaults to `AUTH_PING_ID_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import PingId from "sesame-auth/providers/ping-id";
 * export const { handlers, auth } = Sesame({ providers: [PingId({ issuer: "https://…" })] });
 * ```
 */
export default preset({
  id: "ping-id",
  name: "Ping Identity",
  type: "oidc",
  profile: standardClaims,
  docs: { refresh: true },
});
