/**
 * Roblox (OpenID Connect). Issuer `https://apis.roblox.com/oauth/`, scopes `openid profile`: Roblox gives no
 * email.
 */
import { preset } from "./preset.js";

/**
 * The Roblox provider (id `"roblox"`). Client id and secret default to `AUTH_ROBLOX_ID` / `AUTH_ROBLOX_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Roblox from "sesame-auth/providers/roblox";
 * export const { handlers, auth } = Sesame({ providers: [Roblox()] });
 * ```
 */
export default preset({
  id: "roblox",
  name: "Roblox",
  type: "oidc",
  issuer: "https://apis.roblox.com/oauth/",
  authorization: { params: { scope: "openid profile" } },
  profile: { id: "sub", name: ["nickname", "preferred_username", "name"], image: "picture", emailVerified: "never" },
  docs: { refresh: true },
});
