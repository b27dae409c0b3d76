/**
 * Naver Login: the user from `/v1/nid/me` (wrapped in `response`), its email not said to be verified.
 */
import { preset } from "./preset.js";

/**
 * The Naver provider (id `"naver"`). Client id and secret default to `AUTH_NAVER_ID` / `AUTH_NAVER_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Naver from "sesame-auth/providers/naver";
 * export const { handlers, auth } = Sesame({ providers: [Naver()] });
 * ```
 */
export default preset({
  id: "naver",
  name: "Naver",
  type: "oauth",
  authorization: "https://nid.naver.com/oauth2.0/authorize",
  token: "https://nid.naver.com/oauth2.0/token",
  userinfo: "https://openapi.naver.com/v1/nid/me",
  clientAuth: "client_secret_post",
  checks: ["state"],
  profile: { root: "response", id: "id", name: ["nickname", "name"], email: "email", image: "profile_image", emailVerified: "never" },
  docs: { refresh: true },
});
