/**
 * LINE Login v2.1: scopes `openid profile email`, the client secret in the body, PKCE. LINE signs web ID
 * tokens with the channel secret (HS256), so the preset has LINE verify it (`/oauth2/v2.1/verify`) and takes
 * the claims from that answer; without `openid`, the profile API. LINE does not say the email was verified.
 */
import { fetchJson, preset } from "./preset.js";

/**
 * The LINE provider (id `"line"`). Client id and secret default to `AUTH_LINE_ID` / `AUTH_LINE_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import LINE from "sesame-auth/providers/line";
 * export const { handlers, auth } = Sesame({ providers: [LINE()] });
 * ```
 */
export default preset({
  id: "line",
  name: "LINE",
  type: "oauth",
  authorization: { url: "https://access.line.me/oauth2/v2.1/authorize", params: { scope: "openid profile email" } },
  token: "https://api.line.me/oauth2/v2.1/token",
  clientAuth: "client_secret_post",
  idTokenSignedResponseAlg: "HS256",
  userinfo: {
    url: "https://api.line.me/v2/profile",
    request: ({ tokens, fetch, clientId }) =>
      tokens.id_token
        ? fetchJson(fetch, "https://api.line.me/oauth2/v2.1/verify", { method: "POST", body: new URLSearchParams({ id_token: tokens.id_token, client_id: clientId }) })
        : fetchJson(fetch, "https://api.line.me/v2/profile", { headers: { authorization: `Bearer ${tokens.access_token}` } }),
  },
  profile: { id: ["sub", "userId"], name: ["name", "displayName"], email: "email", image: ["picture", "pictureUrl"], emailVerified: "never" },
  docs: { refresh: true },
});
