/**
 * TikTok (OAuth 2.0). Login Kit for Web: `client_key` instead of `client_id` (in the authorization and the
 * token request), scope `user.info.basic`; the user from `/v2/user/info/` (wrapped in `data.user`). No email.
 */
import { preset } from "./preset.js";

/**
 * The TikTok provider (id `"tiktok"`). Client id and secret default to `AUTH_TIKTOK_ID` / `AUTH_TIKTOK_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import TikTok from "sesame-auth/providers/tiktok";
 * export const { handlers, auth } = Sesame({ providers: [TikTok()] });
 * ```
 */
export default preset({
  id: "tiktok",
  name: "TikTok",
  type: "oauth",
  clientIdParameter: "client_key",
  authorization: { url: "https://www.tiktok.com/v2/auth/authorize/", params: { scope: "user.info.basic" } },
  token: "https://open.tiktokapis.com/v2/oauth/token/",
  clientAuth: "client_secret_post",
  checks: ["state"],
  tokenRequest: ({ url, headers, body }) => {
    const renamed = new URLSearchParams([...body].map(([name, value]) => [name === "client_id" ? "client_key" : name, value]));
    return { url, init: { headers, body: renamed } };
  },
  tokenResponse: (body) => body,
  userinfo: "https://open.tiktokapis.com/v2/user/info/?fields=open_id,union_id,avatar_url,display_name",
  profile: { root: "data.user", id: "open_id", name: "display_name", image: "avatar_url", emailVerified: "never" },
  docs: { refresh: true },
});
