/**
 * Reddit: scope `identity`, the client authenticated with HTTP Basic (as Reddit requires), no PKCE (Reddit has
 * none); the account from `/api/v1/me` (no email). Ask for `duration: "permanent"` for a refresh token.
 */
import { fetchJson, preset } from "./preset.js";

const ME = "https://oauth.reddit.com/api/v1/me";

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
  userinfo: {
    url: ME,
    // Reddit's API rules ask every client for a descriptive User-Agent.
    request: ({ tokens, fetch }) => fetchJson(fetch, ME, { headers: { authorization: `Bearer ${tokens.access_token}`, "user-agent": "web:sesame-auth:1 (sign-in)" } }),
  },
  clientAuth: "client_secret_basic",
  checks: ["state"],
  profile: { id: "id", name: "name", image: "icon_img", emailVerified: "never" },
  docs: { refresh: true, note: "refresh tokens with `duration: \"permanent\"`" },
});
