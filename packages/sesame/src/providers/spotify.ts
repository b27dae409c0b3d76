/**
 * Spotify: scope `user-read-email`; the profile from `/v1/me`. Spotify documents that it does not verify the
 * email, so it never counts as verified.
 */
import { preset } from "./preset.js";

/**
 * The Spotify provider (id `"spotify"`). Client id and secret default to `AUTH_SPOTIFY_ID` / `AUTH_SPOTIFY_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Spotify from "sesame-auth/providers/spotify";
 * export const { handlers, auth } = Sesame({ providers: [Spotify()] });
 * ```
 */
export default preset({
  id: "spotify",
  name: "Spotify",
  type: "oauth",
  authorization: { url: "https://accounts.spotify.com/authorize", params: { scope: "user-read-email" } },
  token: "https://accounts.spotify.com/api/token",
  userinfo: "https://api.spotify.com/v1/me",
  profile: { id: "id", name: ["display_name", "id"], email: "email", image: "images.0.url", emailVerified: "never" },
  docs: { refresh: true },
});
