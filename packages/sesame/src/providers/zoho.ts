/**
 * Zoho Accounts: scope `AaaServer.profile.Read`; the user from `/oauth/user/info` with Zoho's
 * `Zoho-oauthtoken` scheme. Zoho does not say the email was verified. Zoho keeps each user in one data centre
 * (accounts.zoho.com, .eu, .in, .com.au, .jp, zohocloud.ca, .sa…): `accountsServer` moves every endpoint to
 * another one (the `accounts-server` Zoho names on the callback), the US one by default.
 */
import type { Profile } from "../core/types.js";
import type { OAuthProvider } from "./oauth.js";
import { fetchJson, preset } from "./preset.js";

/** The authorization, token and user endpoints on one Zoho accounts server. */
function onServer(server: string): Pick<OAuthProvider, "authorization" | "token" | "userinfo"> {
  const base = server.replace(/\/$/, "");
  const user = `${base}/oauth/user/info`;
  return {
    authorization: { url: `${base}/oauth/v2/auth`, params: { scope: "AaaServer.profile.Read" } },
    token: `${base}/oauth/v2/token`,
    userinfo: { url: user, request: ({ tokens, fetch }) => fetchJson(fetch, user, { headers: { authorization: `Zoho-oauthtoken ${tokens.access_token}` } }) },
  };
}

/**
 * The Zoho provider (id `"zoho"`). Client id and secret default to `AUTH_ZOHO_ID` / `AUTH_ZOHO_SECRET`;
 * `accountsServer` for a data centre other than the US one.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Zoho from "sesame-auth/providers/zoho";
 * export const { handlers, auth } = Sesame({ providers: [Zoho({ accountsServer: "https://accounts.zoho.eu" })] });
 * ```
 */
export default preset<Profile, { accountsServer?: string }>({
  id: "zoho",
  name: "Zoho",
  type: "oauth",
  ...onServer("https://accounts.zoho.com"),
  clientAuth: "client_secret_post",
  checks: ["state"],
  options: { accountsServer: (server) => onServer(server) },
  profile: { id: "ZUID", name: ["Display_Name", "First_Name+Last_Name"], email: "Email", emailVerified: "never" },
  docs: { refresh: true, note: "refresh tokens with `access_type: \"offline\"`; `accountsServer` for another data centre (`https://accounts.zoho.eu`…)" },
});
