/**
 * ClickUp: the profile from `/api/v2/user`; ClickUp does not say the email was verified.
 */
import { preset } from "./preset.js";

/**
 * The ClickUp provider (id `"click-up"`). Client id and secret default to `AUTH_CLICK_UP_ID` / `AUTH_CLICK_UP_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import ClickUp from "sesame-auth/providers/click-up";
 * export const { handlers, auth } = Sesame({ providers: [ClickUp()] });
 * ```
 */
export default preset({
  id: "click-up",
  name: "ClickUp",
  type: "oauth",
  authorization: "https://app.clickup.com/api",
  token: "https://api.clickup.com/api/v2/oauth/token",
  userinfo: "https://api.clickup.com/api/v2/user",
  clientAuth: "client_secret_post",
  checks: ["state"],
  profile: { root: "user", id: "id", name: "username", email: "email", image: "profilePicture", emailVerified: "never" },
  docs: { refresh: false },
});
