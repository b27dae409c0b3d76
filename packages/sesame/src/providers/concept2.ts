/**
 * Concept2 (OAuth 2.0). The Concept2 logbook: scope `user:read,results:write`; the profile from
 * `/api/users/me`.
 */
import { preset } from "./preset.js";

/**
 * The Concept2 provider (id `"concept2"`). Client id and secret default to `AUTH_CONCEPT2_ID` / `AUTH_CONCEPT2_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Concept2 from "sesame-auth/providers/concept2";
 * export const { handlers, auth } = Sesame({ providers: [Concept2()] });
 * ```
 */
export default preset({
  id: "concept2",
  name: "Concept2",
  type: "oauth",
  authorization: { url: "https://log.concept2.com/oauth/authorize", params: { scope: "user:read,results:write" } },
  token: "https://log.concept2.com/oauth/access_token",
  userinfo: "https://log.concept2.com/api/users/me",
  clientAuth: "client_secret_post",
  profile: { root: "data", id: "id", name: ["username", "first_name"], email: "email", image: "profile_image", emailVerified: "never" },
  docs: { refresh: true },
});
