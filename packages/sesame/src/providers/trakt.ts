/**
 * Trakt: the token request is JSON; the user from `/users/me`, which Trakt wants with its API version and the
 * client id (`trakt-api-key`). No email.
 */
import { fetchJson, preset, tokenAsJson } from "./preset.js";

const USER = "https://api.trakt.tv/users/me?extended=full";

/**
 * The Trakt provider (id `"trakt"`). Client id and secret default to `AUTH_TRAKT_ID` / `AUTH_TRAKT_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Trakt from "sesame-auth/providers/trakt";
 * export const { handlers, auth } = Sesame({ providers: [Trakt()] });
 * ```
 */
export default preset({
  id: "trakt",
  name: "Trakt",
  type: "oauth",
  authorization: "https://trakt.tv/oauth/authorize",
  token: "https://api.trakt.tv/oauth/token",
  clientAuth: "client_secret_post",
  checks: ["state"],
  tokenRequest: tokenAsJson,
  userinfo: {
    url: USER,
    request: ({ tokens, fetch, clientId }) =>
      fetchJson(fetch, USER, { headers: { authorization: `Bearer ${tokens.access_token}`, "trakt-api-version": "2", "trakt-api-key": clientId } }),
  },
  profile: { id: ["ids.uuid", "ids.slug", "username"], name: ["name", "username"], image: "images.avatar.full", emailVerified: "never" },
  docs: { refresh: true },
});
