/**
 * FACEIT: the profile from the userinfo resource; FACEIT does not say the email was verified.
 */
import { preset } from "./preset.js";

/**
 * The FACEIT provider (id `"faceit"`). Client id and secret default to `AUTH_FACEIT_ID` / `AUTH_FACEIT_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Faceit from "sesame-auth/providers/faceit";
 * export const { handlers, auth } = Sesame({ providers: [Faceit()] });
 * ```
 */
export default preset({
  id: "faceit",
  name: "FACEIT",
  type: "oauth",
  authorization: { url: "https://accounts.faceit.com/accounts", params: { redirect_popup: "true" } },
  token: "https://api.faceit.com/auth/v1/oauth/token",
  userinfo: "https://api.faceit.com/auth/v1/resources/userinfo",
  profile: { id: ["guid", "sub"], name: "nickname", email: "email", image: "picture", emailVerified: "never" },
  docs: { refresh: true },
});
