/**
 * Box: the profile from `/2.0/users/me`; `login` is the account's email, which Box does not say was verified.
 */
import { preset } from "./preset.js";

/**
 * The Box provider (id `"box"`). Client id and secret default to `AUTH_BOX_ID` / `AUTH_BOX_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Box from "sesame-auth/providers/box";
 * export const { handlers, auth } = Sesame({ providers: [Box()] });
 * ```
 */
export default preset({
  id: "box",
  name: "Box",
  type: "oauth",
  authorization: "https://account.box.com/api/oauth2/authorize",
  token: "https://api.box.com/oauth2/token",
  userinfo: "https://api.box.com/2.0/users/me",
  clientAuth: "client_secret_post",
  profile: { id: "id", name: "name", email: "login", image: "avatar_url", emailVerified: "never" },
  docs: { refresh: true },
});
