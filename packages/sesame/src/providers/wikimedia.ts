/**
 * Wikimedia (Meta-Wiki's OAuth 2.0): the profile resource; the email verified when Wikimedia says
 * `confirmed_email`.
 */
import { preset } from "./preset.js";

/**
 * The Wikimedia provider (id `"wikimedia"`). Client id and secret default to `AUTH_WIKIMEDIA_ID` / `AUTH_WIKIMEDIA_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Wikimedia from "sesame-auth/providers/wikimedia";
 * export const { handlers, auth } = Sesame({ providers: [Wikimedia()] });
 * ```
 */
export default preset({
  id: "wikimedia",
  name: "Wikimedia",
  type: "oauth",
  authorization: "https://meta.wikimedia.org/w/rest.php/oauth2/authorize",
  token: "https://meta.wikimedia.org/w/rest.php/oauth2/access_token",
  userinfo: "https://meta.wikimedia.org/w/rest.php/oauth2/resource/profile",
  clientAuth: "client_secret_post",
  profile: { id: "sub", name: ["realname", "username"], email: "email", emailVerified: { claim: "confirmed_email" } },
  docs: { refresh: true },
});
