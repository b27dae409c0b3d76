/**
 * Bitbucket Cloud: scope `account`; the profile from `/2.0/user`. Its emails are not read (no email).
 */
import { preset } from "./preset.js";

/**
 * The Bitbucket provider (id `"bitbucket"`). Client id and secret default to `AUTH_BITBUCKET_ID` / `AUTH_BITBUCKET_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Bitbucket from "sesame-auth/providers/bitbucket";
 * export const { handlers, auth } = Sesame({ providers: [Bitbucket()] });
 * ```
 */
export default preset({
  id: "bitbucket",
  name: "Bitbucket",
  type: "oauth",
  authorization: { url: "https://bitbucket.org/site/oauth2/authorize", params: { scope: "account" } },
  token: "https://bitbucket.org/site/oauth2/access_token",
  userinfo: "https://api.bitbucket.org/2.0/user",
  profile: { id: ["uuid", "account_id"], name: ["display_name", "username"], image: "links.avatar.href", emailVerified: "never" },
  docs: { refresh: true },
});
