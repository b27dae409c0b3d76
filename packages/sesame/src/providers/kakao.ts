/**
 * Kakao Login: the user from `/v2/user/me`, the client secret (if any) in the body; the email verified only
 * when Kakao says both `is_email_valid` and `is_email_verified`.
 */
import { preset } from "./preset.js";

/**
 * The Kakao provider (id `"kakao"`). Client id and secret default to `AUTH_KAKAO_ID` / `AUTH_KAKAO_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Kakao from "sesame-auth/providers/kakao";
 * export const { handlers, auth } = Sesame({ providers: [Kakao()] });
 * ```
 */
export default preset({
  id: "kakao",
  name: "Kakao",
  type: "oauth",
  authorization: "https://kauth.kakao.com/oauth/authorize",
  token: "https://kauth.kakao.com/oauth/token",
  userinfo: "https://kapi.kakao.com/v2/user/me",
  clientAuth: "client_secret_post",
  profile: {
    id: "id",
    name: "kakao_account.profile.nickname",
    email: "kakao_account.email",
    image: "kakao_account.profile.profile_image_url",
    emailVerified: { claim: ["kakao_account.is_email_valid", "kakao_account.is_email_verified"] },
  },
  docs: { refresh: true },
});
