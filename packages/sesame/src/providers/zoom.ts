/**
 * Zoom: the user from `/v2/users/me`; Zoom does not say the email was verified.
 */
import { preset } from "./preset.js";

/**
 * The Zoom provider (id `"zoom"`). Client id and secret default to `AUTH_ZOOM_ID` / `AUTH_ZOOM_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Zoom from "sesame-auth/providers/zoom";
 * export const { handlers, auth } = Sesame({ providers: [Zoom()] });
 * ```
 */
export default preset({
  id: "zoom",
  name: "Zoom",
  type: "oauth",
  authorization: "https://zoom.us/oauth/authorize",
  token: "https://zoom.us/oauth/token",
  userinfo: "https://api.zoom.us/v2/users/me",
  profile: { id: "id", name: ["display_name", "first_name"], email: "email", image: "pic_url", emailVerified: "never" },
  docs: { refresh: true },
});
