/**
 * WordPress.com: scope `auth`; the user from `/rest/v1/me`, the email verified when `email_verified` is true.
 */
import { preset } from "./preset.js";

/**
 * The WordPress.com provider (id `"wordpress"`). Client id and secret default to `AUTH_WORDPRESS_ID` / `AUTH_WORDPRESS_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import WordPress from "sesame-auth/providers/wordpress";
 * export const { handlers, auth } = Sesame({ providers: [WordPress()] });
 * ```
 */
export default preset({
  id: "wordpress",
  name: "WordPress.com",
  type: "oauth",
  authorization: { url: "https://public-api.wordpress.com/oauth2/authorize", params: { scope: "auth" } },
  token: "https://public-api.wordpress.com/oauth2/token",
  userinfo: "https://public-api.wordpress.com/rest/v1/me",
  clientAuth: "client_secret_post",
  checks: ["state"],
  profile: { id: "ID", name: ["display_name", "username"], email: "email", image: "avatar_URL", emailVerified: { claim: "email_verified" } },
  docs: { refresh: false },
});
