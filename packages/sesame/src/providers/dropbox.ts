/**
 * Dropbox: scope `account_info.read`, offline access (a refresh token); the account from
 * `users/get_current_account`, which Dropbox answers to a POST; the email verified when `email_verified` is
 * true.
 */
import { fetchJson, preset } from "./preset.js";

const ACCOUNT = "https://api.dropboxapi.com/2/users/get_current_account";

/**
 * The Dropbox provider (id `"dropbox"`). Client id and secret default to `AUTH_DROPBOX_ID` / `AUTH_DROPBOX_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Dropbox from "sesame-auth/providers/dropbox";
 * export const { handlers, auth } = Sesame({ providers: [Dropbox()] });
 * ```
 */
export default preset({
  id: "dropbox",
  name: "Dropbox",
  type: "oauth",
  authorization: { url: "https://www.dropbox.com/oauth2/authorize", params: { scope: "account_info.read", token_access_type: "offline" } },
  token: "https://api.dropboxapi.com/oauth2/token",
  userinfo: {
    url: ACCOUNT,
    request: ({ tokens, fetch }) => fetchJson(fetch, ACCOUNT, { method: "POST", headers: { authorization: `Bearer ${tokens.access_token}` } }),
  },
  profile: { id: "account_id", name: "name.display_name", email: "email", image: "profile_photo_url", emailVerified: { claim: "email_verified" } },
  docs: { refresh: true },
});
