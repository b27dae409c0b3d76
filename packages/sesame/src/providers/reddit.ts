/**
 * Reddit: scope `identity`, the client authenticated with HTTP Basic (as Reddit requires), no PKCE (Reddit has
 * none); the account from `/api/v1/me` (no email). Ask for `duration: "permanent"` for a refresh token.
 */
import { preset } from "./preset.js";

/**
 * The Reddit provider (id `"reddit"`). Client id and secret default to `AUTH_REDDIT_ID` / `AUTH_REDDIT_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Reddit from "sesame-auth/providers/reddit";
 * export const { handlers, auth } = Sesame({ providers: [Reddit()] });
 * ```
 */
export default preset({
  id: "reddit",
  name: "Reddit",
  type: "oauth",
  authorization: { url: "https://www.reddit.com/api/v1/authorize", params: { scope: "identity" } },
  token: "https://www.reddit.com/api/v1/access_token",
  userinfo: "https://oauth.reddit.com/api/v1/me",
  clientAuth: "client_secret_basic",
  checks: ["state"],
  profile: { id: "id", name: "name", image: "icon_img", emailVerified: "never" },
  docs: { refresh: true, note: "refresh tokens with `duration: \"permanent\"`" },
});
