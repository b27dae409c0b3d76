/**
 * Twitter (OAuth 2.0). X (Twitter) OAuth 2.0 with PKCE: scopes `users.read tweet.read offline.access`, the
 * client authenticated with HTTP Basic; the user from `/2/users/me` (wrapped in `data`, no email). next-auth
 * 4's OAuth 1.0a mode is not supported.
 */
import { preset } from "./preset.js";

/**
 * The Twitter provider (id `"twitter"`). Client id and secret default to `AUTH_TWITTER_ID` / `AUTH_TWITTER_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Twitter from "sesame-auth/providers/twitter";
 * export const { handlers, auth } = Sesame({ providers: [Twitter()] });
 * ```
 */
export default preset({
  id: "twitter",
  name: "Twitter",
  type: "oauth",
  authorization: { url: "https://x.com/i/oauth2/authorize", params: { scope: "users.read tweet.read offline.access" } },
  token: "https://api.x.com/2/oauth2/token",
  userinfo: "https://api.x.com/2/users/me?user.fields=profile_image_url",
  checks: ["pkce", "state"],
  profile: { root: "data", id: "id", name: ["name", "username"], image: "profile_image_url", emailVerified: "never" },
  docs: { refresh: true, note: "OAuth 2.0 only" },
});
