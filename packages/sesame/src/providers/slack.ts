/**
 * Slack (OpenID Connect). Sign in with Slack (OpenID Connect): issuer `https://slack.com`, scopes `openid
 * profile email`; the email verified when `email_verified` is true. Slack supports no PKCE.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The Slack provider (id `"slack"`). Client id and secret default to `AUTH_SLACK_ID` / `AUTH_SLACK_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Slack from "sesame-auth/providers/slack";
 * export const { handlers, auth } = Sesame({ providers: [Slack()] });
 * ```
 */
export default preset({
  id: "slack",
  name: "Slack",
  type: "oidc",
  issuer: "https://slack.com",
  clientAuth: "client_secret_post",
  checks: ["state", "nonce"],
  profile: standardClaims,
  docs: { refresh: false },
});
