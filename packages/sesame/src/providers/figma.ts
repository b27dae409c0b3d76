/**
 * Figma: scope `current_user:read` (the granular scope for `/v1/me`; `files:read`, which Auth.js still asks
 * for, is Figma's deprecated catch-all); the client authenticated with HTTP Basic at
 * `api.figma.com/v1/oauth/token`; the profile from `/v1/me`, its email not said to be verified. Figma
 * refreshes tokens at its own endpoint, `/v1/oauth/refresh`, not with `grant_type=refresh_token` here.
 */
import { preset } from "./preset.js";

/**
 * The Figma provider (id `"figma"`). Client id and secret default to `AUTH_FIGMA_ID` / `AUTH_FIGMA_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Figma from "sesame-auth/providers/figma";
 * export const { handlers, auth } = Sesame({ providers: [Figma()] });
 * ```
 */
export default preset({
  id: "figma",
  name: "Figma",
  type: "oauth",
  authorization: { url: "https://www.figma.com/oauth", params: { scope: "current_user:read" } },
  token: "https://api.figma.com/v1/oauth/token",
  userinfo: "https://api.figma.com/v1/me",
  profile: { id: "id", name: "handle", email: "email", image: "img_url", emailVerified: "never" },
  docs: { refresh: true, note: "refresh at `https://api.figma.com/v1/oauth/refresh`" },
});
