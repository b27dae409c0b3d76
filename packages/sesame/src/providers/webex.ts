/**
 * Webex (`apiBaseUrl` for another Webex API host): scopes `spark:kms spark:people_read`; the person from
 * `/v1/people/me`, the first email, not said to be verified.
 */
import type { Profile } from "../core/types.js";
import { preset, withParams } from "./preset.js";

/**
 * The Webex provider (id `"webex"`). Client id and secret default to `AUTH_WEBEX_ID` / `AUTH_WEBEX_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Webex from "sesame-auth/providers/webex";
 * export const { handlers, auth } = Sesame({ providers: [Webex()] });
 * ```
 */
export default preset<Profile, { apiBaseUrl?: string }>({
  id: "webex",
  name: "Webex",
  type: "oauth",
  authorization: { url: "https://webexapis.com/v1/authorize", params: { scope: "spark:kms spark:people_read" } },
  token: "https://webexapis.com/v1/access_token",
  userinfo: "https://webexapis.com/v1/people/me",
  clientAuth: "client_secret_post",
  options: {
    apiBaseUrl: (base, facts) => ({ authorization: withParams(`${base}/authorize`, (facts.authorization as { params: Record<string, string> }).params), token: `${base}/access_token`, userinfo: `${base}/people/me` }),
  },
  profile: { id: "id", name: "displayName", email: "emails.0", image: "avatar", emailVerified: "never" },
  docs: { refresh: true },
});
