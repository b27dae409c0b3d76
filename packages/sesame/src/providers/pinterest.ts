/**
 * Pinterest (API v5): scope `user_accounts:read`; the account from `/v5/user_account` (no email).
 */
import { preset } from "./preset.js";

/**
 * The Pinterest provider (id `"pinterest"`). Client id and secret default to `AUTH_PINTEREST_ID` / `AUTH_PINTEREST_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Pinterest from "sesame-auth/providers/pinterest";
 * export const { handlers, auth } = Sesame({ providers: [Pinterest()] });
 * ```
 */
export default preset({
  id: "pinterest",
  name: "Pinterest",
  type: "oauth",
  authorization: { url: "https://www.pinterest.com/oauth/", params: { scope: "user_accounts:read" } },
  token: "https://api.pinterest.com/v5/oauth/token",
  userinfo: "https://api.pinterest.com/v5/user_account",
  checks: ["state"],
  profile: { id: ["id", "username"], name: "username", image: "profile_image", emailVerified: "never" },
  docs: { refresh: true },
});
