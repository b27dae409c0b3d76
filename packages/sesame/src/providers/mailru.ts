/**
 * Mail.ru: scope `userinfo`; the user from `/userinfo`, which takes the token as `access_token`. Mail.ru does
 * not say the email was verified.
 */
import { fetchJson, preset } from "./preset.js";

/**
 * The Mail.ru provider (id `"mailru"`). Client id and secret default to `AUTH_MAILRU_ID` / `AUTH_MAILRU_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Mailru from "sesame-auth/providers/mailru";
 * export const { handlers, auth } = Sesame({ providers: [Mailru()] });
 * ```
 */
export default preset({
  id: "mailru",
  name: "Mail.ru",
  type: "oauth",
  authorization: { url: "https://oauth.mail.ru/login", params: { scope: "userinfo" } },
  token: "https://oauth.mail.ru/token",
  clientAuth: "client_secret_post",
  checks: ["state"],
  userinfo: {
    url: "https://oauth.mail.ru/userinfo",
    request: ({ tokens, fetch }) => fetchJson(fetch, `https://oauth.mail.ru/userinfo?${new URLSearchParams({ access_token: tokens.access_token })}`),
  },
  profile: { id: "id", name: "name", email: "email", image: "image", emailVerified: "never" },
  docs: { refresh: true },
});
