/**
 * Instagram API with Instagram Login (Business Login for Instagram): scope `instagram_business_basic`; the
 * account from `graph.instagram.com/<version>/me` (no email). Professional (business and creator) accounts
 * only: the Basic Display API, which next-auth 4 and Auth.js still point at (`scope=user_profile`), was shut
 * down by Meta on 2024-12-04, so this preset follows the current API under the same id.
 *
 * Meta documents the code exchange's answer wrapped in a list (`{ data: [{ access_token, user_id,
 * permissions }] }`) and without `token_type`: the first entry is unwrapped and Bearer assumed (a flat answer
 * is taken as it is).
 */
import { preset } from "./preset.js";

/** The Graph API version (shared by graph.instagram.com), as for Facebook. */
const VERSION = "v27.0";

/**
 * The Instagram provider (id `"instagram"`). Client id and secret default to `AUTH_INSTAGRAM_ID` / `AUTH_INSTAGRAM_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Instagram from "sesame-auth/providers/instagram";
 * export const { handlers, auth } = Sesame({ providers: [Instagram()] });
 * ```
 */
export default preset({
  id: "instagram",
  name: "Instagram",
  type: "oauth",
  authorization: { url: "https://www.instagram.com/oauth/authorize", params: { scope: "instagram_business_basic" } },
  token: "https://api.instagram.com/oauth/access_token",
  userinfo: `https://graph.instagram.com/${VERSION}/me?fields=user_id,username,profile_picture_url`,
  clientAuth: "client_secret_post",
  checks: ["state"],
  tokenResponse: (body) => {
    const [first] = Array.isArray(body.data) ? (body.data as unknown[]) : [];
    const token = typeof first === "object" && first !== null ? (first as Record<string, unknown>) : body;
    return { token_type: "bearer", ...token };
  },
  profile: { id: ["user_id", "id"], name: "username", image: "profile_picture_url", emailVerified: "never" },
  docs: { refresh: false, note: "Instagram professional accounts (Instagram Login); long-lived tokens are exchanged, not refreshed" },
});
