/**
 * FreshBooks: the identity from `/auth/api/v1/users/me`.
 */
import { preset } from "./preset.js";

/**
 * The FreshBooks provider (id `"freshbooks"`). Client id and secret default to `AUTH_FRESHBOOKS_ID` / `AUTH_FRESHBOOKS_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Freshbooks from "sesame-auth/providers/freshbooks";
 * export const { handlers, auth } = Sesame({ providers: [Freshbooks()] });
 * ```
 */
export default preset({
  id: "freshbooks",
  name: "FreshBooks",
  type: "oauth",
  authorization: "https://auth.freshbooks.com/oauth/authorize",
  token: "https://api.freshbooks.com/auth/oauth/token",
  userinfo: "https://api.freshbooks.com/auth/api/v1/users/me",
  clientAuth: "client_secret_post",
  profile: { root: "response", id: "id", name: "first_name+last_name", email: "email", emailVerified: "never" },
  docs: { refresh: true },
});
