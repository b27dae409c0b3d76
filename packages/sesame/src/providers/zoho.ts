/**
 * Zoho Accounts (the `.com` data center; others with `authorization`/`token`/`userinfo`): scope
 * `AaaServer.profile.Read`; the user from `/oauth/user/info` with Zoho's `Zoho-oauthtoken` scheme. Zoho does
 * not say the email was verified.
 */
import { fetchJson, preset } from "./preset.js";

const USER = "https://accounts.zoho.com/oauth/user/info";

/**
 * The Zoho provider (id `"zoho"`). Client id and secret default to `AUTH_ZOHO_ID` / `AUTH_ZOHO_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Zoho from "sesame-auth/providers/zoho";
 * export const { handlers, auth } = Sesame({ providers: [Zoho()] });
 * ```
 */
export default preset({
  id: "zoho",
  name: "Zoho",
  type: "oauth",
  authorization: { url: "https://accounts.zoho.com/oauth/v2/auth", params: { scope: "AaaServer.profile.Read" } },
  token: "https://accounts.zoho.com/oauth/v2/token",
  clientAuth: "client_secret_post",
  checks: ["state"],
  userinfo: {
    url: USER,
    request: ({ tokens, fetch }) => fetchJson(fetch, USER, { headers: { authorization: `Zoho-oauthtoken ${tokens.access_token}` } }),
  },
  profile: { id: "ZUID", name: ["Display_Name", "First_Name+Last_Name"], email: "Email", emailVerified: "never" },
  docs: { refresh: true, note: "refresh tokens with `access_type: \"offline\"`" },
});
