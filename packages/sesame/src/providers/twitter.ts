/**
 * Twitter (OAuth 2.0). X (Twitter) OAuth 2.0 with PKCE: scopes `users.read tweet.read offline.access`, the
 * client authenticated with HTTP Basic; the user from `/2/users/me` (wrapped in `data`, no email).
 *
 * next-auth 4's default, OAuth 1.0a (`version: "1.0A"`, or no `version`), is refused at configuration. Its
 * three-legged flow (a request token, signed with HMAC-SHA1, then exchanged) is a second protocol beside the
 * OAuth 2.0 / OpenID Connect core (oauth4webapi), with its own state to keep between the legs, for what X now
 * calls a legacy method; OAuth 2.0 with PKCE is X's method for user-facing apps. `version: "2.0"` is accepted
 * and changes nothing.
 */
import type { Profile } from "../core/types.js";
import { InvalidConfiguration } from "../core/errors.js";
import { preset } from "./preset.js";

/**
 * What `Twitter({ version: "1.0A" })` is refused with: what to use instead, and what changes.
 *
 * @example
 * ```ts
 * expect(() => Twitter({ version: "1.0A" })).toThrow(TWITTER_OAUTH1_REFUSED);
 * ```
 */
export const TWITTER_OAUTH1_REFUSED =
  'Twitter({ version: "1.0A" }) is not supported: Sesame signs in to X with OAuth 2.0 (PKCE), X\'s current method, as next-auth 4\'s `version: "2.0"` did. ' +
  'Remove `version` (or pass "2.0"), enable OAuth 2.0 in the app\'s user authentication settings on the X developer portal, and use its OAuth 2.0 Client ID and Client Secret ' +
  "(not the 1.0a API key and secret) as AUTH_TWITTER_ID / AUTH_TWITTER_SECRET. The callback URL stays /api/auth/callback/twitter, and X user ids are the same, so existing accounts stay linked; " +
  "OAuth 2.0 returns no email.";

/**
 * The Twitter provider (id `"twitter"`). Client id and secret default to `AUTH_TWITTER_ID` / `AUTH_TWITTER_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Twitter from "sesame-auth/providers/twitter";
 * export const { handlers, auth } = Sesame({ providers: [Twitter()] });
 * ```
 */
export default preset<Profile, { version?: "2.0" | "1.0A" }>({
  id: "twitter",
  name: "Twitter",
  type: "oauth",
  authorization: { url: "https://x.com/i/oauth2/authorize", params: { scope: "users.read tweet.read offline.access" } },
  token: "https://api.x.com/2/oauth2/token",
  userinfo: "https://api.x.com/2/users/me?user.fields=profile_image_url",
  checks: ["pkce", "state"],
  options: {
    version: (version) => {
      if (version === "2.0") return {};
      throw new InvalidConfiguration(TWITTER_OAUTH1_REFUSED);
    },
  },
  profile: { root: "data", id: "id", name: ["name", "username"], image: "profile_image_url", emailVerified: "never" },
  docs: { refresh: true, note: 'OAuth 2.0 only: `version: "1.0A"` (next-auth 4\'s default) is refused at configuration' },
});
