/**
 * Foursquare (API v2): the token is fetched with a GET, as Foursquare documents; its answer has no
 * `token_type` (Bearer is assumed); the user from `users/self` with the `oauth_token` and version (`v`,
 * `apiVersion`) parameters. Foursquare does not say the email was verified.
 */
import type { OAuthProvider } from "./oauth.js";
import type { Profile } from "../core/types.js";
import { claimAt, fetchJson, mapProfile, preset, tokenAsQuery } from "./preset.js";

/** The user endpoint, called with the API version (`v`, a date) Foursquare requires. */
const self = (version: string): OAuthProvider["userinfo"] => ({
  url: "https://api.foursquare.com/v2/users/self",
  request: ({ tokens, fetch }) => fetchJson(fetch, `https://api.foursquare.com/v2/users/self?${new URLSearchParams({ oauth_token: tokens.access_token, v: version })}`),
});

/**
 * The Foursquare provider (id `"foursquare"`). Client id and secret default to `AUTH_FOURSQUARE_ID` / `AUTH_FOURSQUARE_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Foursquare from "sesame-auth/providers/foursquare";
 * export const { handlers, auth } = Sesame({ providers: [Foursquare()] });
 * ```
 */
export default preset<Profile, { apiVersion?: string }>({
  id: "foursquare",
  name: "Foursquare",
  type: "oauth",
  authorization: "https://foursquare.com/oauth2/authenticate",
  token: "https://foursquare.com/oauth2/access_token",
  clientAuth: "client_secret_post",
  checks: ["state"],
  tokenRequest: tokenAsQuery(),
  tokenResponse: (body) => ({ token_type: "bearer", ...body }),
  userinfo: self("20240101"),
  options: { apiVersion: (version) => ({ userinfo: self(version) }) },
  profile: (p) => {
    const photo = claimAt(p, "response.user.photo") as { prefix?: string; suffix?: string } | undefined;
    return {
      ...mapProfile(p, { root: "response.user", id: "id", name: "firstName+lastName", email: "contact.email", emailVerified: "never" }),
      image: photo?.prefix && photo.suffix ? `${photo.prefix}original${photo.suffix}` : null,
    };
  },
  docs: { refresh: false, emailVerified: "never" },
});
