/**
 * 42 School (OAuth 2.0). The 42 intra API: scope `public`; the profile from `/v2/me`. 42 does not say the
 * email was verified.
 */
import { preset } from "./preset.js";

/**
 * The 42 School provider (id `"42-school"`). Client id and secret default to `AUTH_42_SCHOOL_ID` / `AUTH_42_SCHOOL_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import FortyTwoSchool from "sesame-auth/providers/42-school";
 * export const { handlers, auth } = Sesame({ providers: [FortyTwoSchool()] });
 * ```
 */
export default preset({
  id: "42-school",
  name: "42 School",
  type: "oauth",
  authorization: { url: "https://api.intra.42.fr/oauth/authorize", params: { scope: "public" } },
  token: "https://api.intra.42.fr/oauth/token",
  userinfo: "https://api.intra.42.fr/v2/me",
  clientAuth: "client_secret_post",
  profile: { id: "id", name: ["usual_full_name", "displayname", "login"], email: "email", image: "image.link", emailVerified: "never" },
  docs: { refresh: true },
});
