/**
 * WeChat website login (QR code; `platformType: "OfficialAccount"` for the login inside WeChat, scope
 * `snsapi_userinfo`): `appid` instead of `client_id`, scope `snsapi_login`, the `#wechat_redirect` fragment;
 * the token is fetched with a GET carrying `appid` and `secret`, and errors WeChat answers with status 200
 * (`errcode`) are errors. The user from `sns/userinfo` (by `openid`); the id is the `unionid` when the app has
 * one, else the `openid`. No email.
 */
import type { Profile } from "../core/types.js";
import { fetchJson, preset, tokenAsQuery } from "./preset.js";

/**
 * The WeChat provider (id `"wechat"`). Client id and secret default to `AUTH_WECHAT_ID` / `AUTH_WECHAT_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import WeChat from "sesame-auth/providers/wechat";
 * export const { handlers, auth } = Sesame({ providers: [WeChat()] });
 * ```
 */
export default preset<Profile, { platformType?: "OfficialAccount" | "WebsiteApp" }>({
  id: "wechat",
  name: "WeChat",
  type: "oauth",
  clientIdParameter: "appid",
  authorization: { url: "https://open.weixin.qq.com/connect/qrconnect#wechat_redirect", params: { scope: "snsapi_login" } },
  token: "https://api.weixin.qq.com/sns/oauth2/access_token",
  clientAuth: "client_secret_post",
  checks: ["state"],
  tokenRequest: tokenAsQuery({ client_id: "appid", client_secret: "secret" }),
  tokenResponse: (body) =>
    typeof body.errcode === "number" && body.errcode !== 0 ? { error: String(body.errcode), error_description: String(body.errmsg ?? "") } : { token_type: "bearer", ...body },
  userinfo: {
    url: "https://api.weixin.qq.com/sns/userinfo",
    request: ({ tokens, fetch }) =>
      fetchJson(fetch, `https://api.weixin.qq.com/sns/userinfo?${new URLSearchParams({ access_token: tokens.access_token, openid: String(tokens.openid ?? "") })}`),
  },
  profile: { id: ["unionid", "openid"], name: "nickname", image: "headimgurl", emailVerified: "never" },
  options: {
    platformType: (platform) =>
      platform === "OfficialAccount" ? { authorization: { url: "https://open.weixin.qq.com/connect/oauth2/authorize#wechat_redirect", params: { scope: "snsapi_userinfo" } } } : {},
  },
  docs: { refresh: true, note: "website (QR code) login; `platformType: \"OfficialAccount\"` inside WeChat" },
});
