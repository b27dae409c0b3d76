/**
 * Facebook Login: scope `email`, the Graph API fields `id,name,email,picture` asked for explicitly; the email
 * is not said to be verified. Every URL names the Graph API version: an unversioned call runs on the oldest
 * version the app may still use, and each version is retired about two years after its release.
 */
import { preset } from "./preset.js";

/**
 * The Graph API version: v27.0 (released 2026-11-04, the latest; Meta's changelog
 * https://developers.facebook.com/docs/graph-api/changelog/versions/). v21.0, used before, expires 2027-01-21.
 */
const VERSION = "v27.0";

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
  authorization: { url: `https://www.facebook.com/${VERSION}/dialog/oauth`, params: { scope: "email" } },
  token: `https://graph.facebook.com/${VERSION}/oauth/access_token`,
  userinfo: `https://graph.facebook.com/${VERSION}/me?fields=id,name,email,picture`,
  clientAuth: "client_secret_post",
  profile: { id: "id", name: "name", email: "email", image: "picture.data.url", emailVerified: "never" },
  docs: { refresh: false, note: `Graph API ${VERSION}; long-lived tokens are exchanged, not refreshed` },
});
