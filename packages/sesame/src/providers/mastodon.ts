/**
 * Mastodon, on the server the app names with `issuer`: scope `profile`, the account from `verify_credentials`
 * (no email).
 */
import { preset } from "./preset.js";

/**
 * The Mastodon provider (id `"mastodon"`). Client id and secret default to `AUTH_MASTODON_ID` / `AUTH_MASTODON_SECRET`; `issuer` (required) defaults to `AUTH_MASTODON_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Mastodon from "sesame-auth/providers/mastodon";
 * export const { handlers, auth } = Sesame({ providers: [Mastodon({ issuer: "https://mastodon.social" })] });
 * ```
 */
export default preset({
  id: "mastodon",
  name: "Mastodon",
  type: "oauth",
  instance: true,
  authorization: { url: "/oauth/authorize", params: { scope: "profile" } },
  token: "/oauth/token",
  userinfo: "/api/v1/accounts/verify_credentials",
  clientAuth: "client_secret_post",
  profile: { id: "id", name: ["display_name", "username"], image: "avatar", emailVerified: "never" },
  docs: { refresh: false, note: "`issuer` = the Mastodon server" },
});
