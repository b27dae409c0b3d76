/**
 * Medium: scope `basicProfile`; the profile from `/v1/me` (no email).
 *
 * Medium no longer supports its API: its documentation repository (Medium/medium-api-docs) was archived on
 * 2023-03-02 under "The Medium API is no longer supported", and browser-based OAuth is "supported for existing
 * integrations only" (no new applications are registered). The preset stays, under the id next-auth 4 and
 * Auth.js still ship, for apps that hold such an integration; it is marked deprecated.
 */
import { preset } from "./preset.js";

/**
 * The Medium provider (id `"medium"`). Client id and secret default to `AUTH_MEDIUM_ID` / `AUTH_MEDIUM_SECRET`.
 *
 * @deprecated Medium no longer supports its API (OAuth for existing integrations only).
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Medium from "sesame-auth/providers/medium";
 * export const { handlers, auth } = Sesame({ providers: [Medium()] });
 * ```
 */
export default preset({
  id: "medium",
  name: "Medium",
  type: "oauth",
  authorization: { url: "https://medium.com/m/oauth/authorize", params: { scope: "basicProfile" } },
  token: "https://api.medium.com/v1/tokens",
  userinfo: "https://api.medium.com/v1/me",
  clientAuth: "client_secret_post",
  checks: ["state"],
  profile: { root: "data", id: "id", name: ["name", "username"], image: "imageUrl", emailVerified: "never" },
  docs: { refresh: true, note: "deprecated by Medium: its API is no longer supported (archived 2023), OAuth for existing integrations only" },
});
