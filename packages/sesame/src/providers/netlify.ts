/**
 * Netlify: the user from `/api/v1/user`, its email not said to be verified.
 */
import { preset } from "./preset.js";

/**
 * The Netlify provider (id `"netlify"`). Client id and secret default to `AUTH_NETLIFY_ID` / `AUTH_NETLIFY_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Netlify from "sesame-auth/providers/netlify";
 * export const { handlers, auth } = Sesame({ providers: [Netlify()] });
 * ```
 */
export default preset({
  id: "netlify",
  name: "Netlify",
  type: "oauth",
  authorization: "https://app.netlify.com/authorize",
  token: "https://api.netlify.com/oauth/token",
  userinfo: "https://api.netlify.com/api/v1/user",
  clientAuth: "client_secret_post",
  profile: { id: "id", name: ["full_name", "slug"], email: "email", image: "avatar_url", emailVerified: "never" },
  docs: { refresh: false },
});
