/**
 * Medium: scope `basicProfile`; the profile from `/v1/me` (no email).
 */
import { preset } from "./preset.js";

/**
 * The Medium provider (id `"medium"`). Client id and secret default to `AUTH_MEDIUM_ID` / `AUTH_MEDIUM_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Medium from "sesame-auth/providers/medium";
 * export const { handlers, auth } = Sesame({ providers: [Medium()] });
 * ```
 */
export default preset({
  id: "medium",
  name: "Medium",
  type: "oauth",
  authorization: { url: "https://medium.com/m/oauth/authorize", params: { scope: "basicProfile" } },
  token: "https://api.medium.com/v1/tokens",
  userinfo: "https://api.medium.com/v1/me",
  clientAuth: "client_secret_post",
  checks: ["state"],
  profile: { root: "data", id: "id", name: ["name", "username"], image: "imageUrl", emailVerified: "never" },
  docs: { refresh: true },
});
