/**
 * Instagram API with Instagram Login: scope `instagram_business_basic`; the account from
 * `graph.instagram.com/me` (no email). Instagram's token answer has no `token_type`: Bearer is assumed.
 */
import { preset } from "./preset.js";

/**
 * The Instagram provider (id `"instagram"`). Client id and secret default to `AUTH_INSTAGRAM_ID` / `AUTH_INSTAGRAM_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Instagram from "sesame-auth/providers/instagram";
 * export const { handlers, auth } = Sesame({ providers: [Instagram()] });
 * ```
 */
export default preset({
  id: "instagram",
  name: "Instagram",
  type: "oauth",
  authorization: { url: "https://www.instagram.com/oauth/authorize", params: { scope: "instagram_business_basic" } },
  token: "https://api.instagram.com/oauth/access_token",
  userinfo: "https://graph.instagram.com/me?fields=user_id,username,profile_picture_url",
  clientAuth: "client_secret_post",
  checks: ["state"],
  tokenResponse: (body) => ({ token_type: "bearer", ...body }),
  profile: { id: ["user_id", "id"], name: "username", image: "profile_picture_url", emailVerified: "never" },
  docs: { refresh: false, note: "long-lived tokens are exchanged, not refreshed" },
});
