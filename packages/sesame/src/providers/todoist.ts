/**
 * Todoist: scope `data:read`; the user from API v1 `/user`. Todoist does not say the email was verified.
 */
import { preset } from "./preset.js";

/**
 * The Todoist provider (id `"todoist"`). Client id and secret default to `AUTH_TODOIST_ID` / `AUTH_TODOIST_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Todoist from "sesame-auth/providers/todoist";
 * export const { handlers, auth } = Sesame({ providers: [Todoist()] });
 * ```
 */
export default preset({
  id: "todoist",
  name: "Todoist",
  type: "oauth",
  authorization: { url: "https://todoist.com/oauth/authorize", params: { scope: "data:read" } },
  token: "https://todoist.com/oauth/access_token",
  userinfo: "https://api.todoist.com/api/v1/user",
  clientAuth: "client_secret_post",
  checks: ["state"],
  profile: { id: "id", name: "full_name", email: "email", image: "avatar_big", emailVerified: "never" },
  docs: { refresh: false },
});
