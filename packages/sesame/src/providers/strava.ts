/**
 * Strava: scope `read`; the athlete from `/api/v3/athlete` (no email).
 */
import { preset } from "./preset.js";

/**
 * The Strava provider (id `"strava"`). Client id and secret default to `AUTH_STRAVA_ID` / `AUTH_STRAVA_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Strava from "sesame-auth/providers/strava";
 * export const { handlers, auth } = Sesame({ providers: [Strava()] });
 * ```
 */
export default preset({
  id: "strava",
  name: "Strava",
  type: "oauth",
  authorization: { url: "https://www.strava.com/oauth/authorize", params: { scope: "read", approval_prompt: "auto" } },
  token: "https://www.strava.com/api/v3/oauth/token",
  userinfo: "https://www.strava.com/api/v3/athlete",
  clientAuth: "client_secret_post",
  checks: ["state"],
  profile: { id: "id", name: "firstname+lastname", image: "profile", emailVerified: "never" },
  docs: { refresh: true },
});
