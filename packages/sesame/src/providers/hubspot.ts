/**
 * HubSpot: scope `oauth`; the user from the access token's own metadata (`/oauth/v1/access-tokens/<token>`),
 * its `user` the email, which HubSpot does not say was verified.
 */
import { fetchJson, preset } from "./preset.js";

/**
 * The HubSpot provider (id `"hubspot"`). Client id and secret default to `AUTH_HUBSPOT_ID` / `AUTH_HUBSPOT_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import HubSpot from "sesame-auth/providers/hubspot";
 * export const { handlers, auth } = Sesame({ providers: [HubSpot()] });
 * ```
 */
export default preset({
  id: "hubspot",
  name: "HubSpot",
  type: "oauth",
  authorization: { url: "https://app.hubspot.com/oauth/authorize", params: { scope: "oauth" } },
  token: "https://api.hubapi.com/oauth/v1/token",
  clientAuth: "client_secret_post",
  checks: ["state"],
  userinfo: {
    url: "https://api.hubapi.com/oauth/v1/access-tokens",
    request: ({ tokens, fetch }) => fetchJson(fetch, `https://api.hubapi.com/oauth/v1/access-tokens/${encodeURIComponent(tokens.access_token)}`),
  },
  profile: { id: "user_id", name: "user", email: "user", emailVerified: "never" },
  docs: { refresh: true },
});
