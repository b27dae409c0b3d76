/**
 * Dribbble: scope `public`; the profile from `/v2/user` (no email).
 */
import { preset } from "./preset.js";

/**
 * The Dribbble provider (id `"dribbble"`). Client id and secret default to `AUTH_DRIBBBLE_ID` / `AUTH_DRIBBBLE_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Dribbble from "sesame-auth/providers/dribbble";
 * export const { handlers, auth } = Sesame({ providers: [Dribbble()] });
 * ```
 */
export default preset({
  id: "dribbble",
  name: "Dribbble",
  type: "oauth",
  authorization: { url: "https://dribbble.com/oauth/authorize", params: { scope: "public" } },
  token: "https://dribbble.com/oauth/token",
  userinfo: "https://api.dribbble.com/v2/user",
  clientAuth: "client_secret_post",
  profile: { id: "id", name: ["name", "login"], image: "avatar_url", emailVerified: "never" },
  docs: { refresh: false },
});
