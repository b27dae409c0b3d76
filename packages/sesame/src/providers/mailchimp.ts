/**
 * Mailchimp: the login from `/oauth2/metadata` (with Mailchimp's `OAuth` scheme); its token answer has no
 * `token_type` (Bearer is assumed) and a `null` scope (dropped). Mailchimp does not say the email was
 * verified.
 */
import { fetchJson, preset } from "./preset.js";

const METADATA = "https://login.mailchimp.com/oauth2/metadata";

/**
 * The Mailchimp provider (id `"mailchimp"`). Client id and secret default to `AUTH_MAILCHIMP_ID` / `AUTH_MAILCHIMP_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Mailchimp from "sesame-auth/providers/mailchimp";
 * export const { handlers, auth } = Sesame({ providers: [Mailchimp()] });
 * ```
 */
export default preset({
  id: "mailchimp",
  name: "Mailchimp",
  type: "oauth",
  authorization: "https://login.mailchimp.com/oauth2/authorize",
  token: "https://login.mailchimp.com/oauth2/token",
  clientAuth: "client_secret_post",
  checks: ["state"],
  tokenResponse: ({ scope, ...body }) => ({ token_type: "bearer", ...body, ...(typeof scope === "string" && { scope }) }),
  userinfo: {
    url: METADATA,
    request: ({ tokens, fetch }) => fetchJson(fetch, METADATA, { headers: { authorization: `OAuth ${tokens.access_token}` } }),
  },
  profile: { root: "login", id: "login_id", name: ["login_name", "login_email"], email: "login_email", image: "avatar", emailVerified: "never" },
  docs: { refresh: false },
});
