/**
 * Pipedrive: the user from `/v1/users/me`, its email not said to be verified.
 */
import { preset } from "./preset.js";

/**
 * The Pipedrive provider (id `"pipedrive"`). Client id and secret default to `AUTH_PIPEDRIVE_ID` / `AUTH_PIPEDRIVE_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Pipedrive from "sesame-auth/providers/pipedrive";
 * export const { handlers, auth } = Sesame({ providers: [Pipedrive()] });
 * ```
 */
export default preset({
  id: "pipedrive",
  name: "Pipedrive",
  type: "oauth",
  authorization: "https://oauth.pipedrive.com/oauth/authorize",
  token: "https://oauth.pipedrive.com/oauth/token",
  userinfo: "https://api.pipedrive.com/v1/users/me",
  checks: ["state"],
  profile: { root: "data", id: "id", name: "name", email: "email", image: "icon_url", emailVerified: "never" },
  docs: { refresh: true },
});
