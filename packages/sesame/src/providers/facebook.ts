/**
 * Facebook Login: scope `email`, the Graph API fields `id,name,email,picture` asked for explicitly; the email
 * is not said to be verified.
 */
import { preset } from "./preset.js";

/**
 * The Facebook provider (id `"facebook"`). Client id and secret default to `AUTH_FACEBOOK_ID` / `AUTH_FACEBOOK_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Facebook from "sesame-auth/providers/facebook";
 * export const { handlers, auth } = Sesame({ providers: [Facebook()] });
 * ```
 */
export default preset({
  id: "facebook",
  name: "Facebook",
  type: "oauth",
  authorization: { url: "https://www.facebook.com/v21.0/dialog/oauth", params: { scope: "email" } },
  token: "https://graph.facebook.com/v21.0/oauth/access_token",
  userinfo: "https://graph.facebook.com/me?fields=id,name,email,picture",
  clientAuth: "client_secret_post",
  profile: { id: "id", name: "name", email: "email", image: "picture.data.url", emailVerified: "never" },
  docs: { refresh: false, note: "long-lived tokens are exchanged, not refreshed" },
});
