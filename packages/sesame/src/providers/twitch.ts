/**
 * Twitch (OpenID Connect): issuer `https://id.twitch.tv/oauth2`, scope `openid user:read:email`, the claims
 * (email, picture, preferred_username) asked for with `claims`, the client secret in the body. Twitch answers
 * `scope` as an array, made a string here. The email verified when `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The Twitch provider (id `"twitch"`). Client id and secret default to `AUTH_TWITCH_ID` / `AUTH_TWITCH_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Twitch from "sesame-auth/providers/twitch";
 * export const { handlers, auth } = Sesame({ providers: [Twitch()] });
 * ```
 */
export default preset({
  id: "twitch",
  name: "Twitch",
  type: "oidc",
  issuer: "https://id.twitch.tv/oauth2",
  clientAuth: "client_secret_post",
  checks: ["state", "nonce"],
  authorization: {
    params: {
      scope: "openid user:read:email",
      claims: JSON.stringify({ id_token: { email: null, email_verified: null, picture: null, preferred_username: null }, userinfo: { email: null, email_verified: null, picture: null, preferred_username: null } }),
    },
  },
  tokenResponse: (body) => (Array.isArray(body.scope) ? { ...body, scope: body.scope.join(" ") } : body),
  profile: { ...standardClaims, name: ["preferred_username", "name"] },
  docs: { refresh: true },
});
