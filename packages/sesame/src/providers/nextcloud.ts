/**
 * Nextcloud, on the server the app names with `issuer`: the user from the OCS API, its email not said to be
 * verified.
 */
import { preset } from "./preset.js";

/**
 * The Nextcloud provider (id `"nextcloud"`). Client id and secret default to `AUTH_NEXTCLOUD_ID` / `AUTH_NEXTCLOUD_SECRET`; `issuer` (required) defaults to `AUTH_NEXTCLOUD_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Nextcloud from "sesame-auth/providers/nextcloud";
 * export const { handlers, auth } = Sesame({ providers: [Nextcloud({ issuer: "https://cloud.example.com" })] });
 * ```
 */
export default preset({
  id: "nextcloud",
  name: "Nextcloud",
  type: "oauth",
  instance: true,
  authorization: "/apps/oauth2/authorize",
  token: "/apps/oauth2/api/v1/token",
  userinfo: "/ocs/v2.php/cloud/user?format=json",
  clientAuth: "client_secret_post",
  profile: { root: "ocs.data", id: "id", name: ["displayname", "id"], email: "email", emailVerified: "never" },
  docs: { refresh: true, note: "`issuer` = the Nextcloud server" },
});
