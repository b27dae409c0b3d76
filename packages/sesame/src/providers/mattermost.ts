/**
 * Mattermost, on the server the app names with `issuer`: the user from `/api/v4/users/me`, its email not said
 * to be verified.
 */
import { preset } from "./preset.js";

/**
 * The Mattermost provider (id `"mattermost"`). Client id and secret default to `AUTH_MATTERMOST_ID` / `AUTH_MATTERMOST_SECRET`; `issuer` (required) defaults to `AUTH_MATTERMOST_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Mattermost from "sesame-auth/providers/mattermost";
 * export const { handlers, auth } = Sesame({ providers: [Mattermost({ issuer: "https://chat.example.com" })] });
 * ```
 */
export default preset({
  id: "mattermost",
  name: "Mattermost",
  type: "oauth",
  instance: true,
  authorization: "/oauth/authorize",
  token: "/oauth/access_token",
  userinfo: "/api/v4/users/me",
  clientAuth: "client_secret_post",
  profile: { id: "id", name: ["nickname", "username"], email: "email", emailVerified: "never" },
  docs: { refresh: true, note: "`issuer` = the Mattermost server" },
});
