/**
 * Yandex ID: scopes `login:info login:email login:avatar`; the user from `login.yandex.ru/info` (with Yandex's
 * `OAuth` authorization scheme), the avatar URL built from `default_avatar_id`. Yandex does not say the email
 * was verified.
 */
import { fetchJson, mapProfile, preset } from "./preset.js";

/**
 * The Yandex provider (id `"yandex"`). Client id and secret default to `AUTH_YANDEX_ID` / `AUTH_YANDEX_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Yandex from "sesame-auth/providers/yandex";
 * export const { handlers, auth } = Sesame({ providers: [Yandex()] });
 * ```
 */
export default preset({
  id: "yandex",
  name: "Yandex",
  type: "oauth",
  authorization: { url: "https://oauth.yandex.ru/authorize", params: { scope: "login:info login:email login:avatar" } },
  token: "https://oauth.yandex.ru/token",
  clientAuth: "client_secret_post",
  userinfo: {
    url: "https://login.yandex.ru/info?format=json",
    request: ({ tokens, fetch }) => fetchJson(fetch, "https://login.yandex.ru/info?format=json", { headers: { authorization: `OAuth ${tokens.access_token}` } }),
  },
  profile: (p) => ({
    ...mapProfile(p, { id: "id", name: ["display_name", "real_name", "login"], email: "default_email", emailVerified: "never" }),
    image: typeof p.default_avatar_id === "string" && !p.is_avatar_empty ? `https://avatars.yandex.net/get-yapic/${p.default_avatar_id}/islands-200` : null,
  }),
  docs: { refresh: true, emailVerified: "never" },
});
