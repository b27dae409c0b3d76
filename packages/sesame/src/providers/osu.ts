/**
 * osu!: scope `identify`; the profile from `/api/v2/me` (no email).
 */
import { preset } from "./preset.js";

/**
 * The osu! provider (id `"osu"`). Client id and secret default to `AUTH_OSU_ID` / `AUTH_OSU_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Osu from "sesame-auth/providers/osu";
 * export const { handlers, auth } = Sesame({ providers: [Osu()] });
 * ```
 */
export default preset({
  id: "osu",
  name: "osu!",
  type: "oauth",
  authorization: { url: "https://osu.ppy.sh/oauth/authorize", params: { scope: "identify" } },
  token: "https://osu.ppy.sh/oauth/token",
  userinfo: "https://osu.ppy.sh/api/v2/me",
  clientAuth: "client_secret_post",
  profile: { id: "id", name: "username", image: "avatar_url", emailVerified: "never" },
  docs: { refresh: true },
});
