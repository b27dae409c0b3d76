/**
 * Oracle NetSuite (OAuth 2.0). Every NetSuite account has its own hosts: pass `accountID` (as in the
 * account's URLs, e.g. `1234567` or `1234567-sb1`). NetSuite has no user endpoint of its own: `userinfo` is
 * the URL of a RESTlet you deploy that answers the current user (`{ id, name, email }`), which the
 * default scope `restlets rest_webservices` lets the token call. The email is not said to be verified.
 */
import type { OAuthProvider } from "./oauth.js";
import { preset } from "./preset.js";

const netsuite = preset({
  id: "netsuite",
  name: "NetSuite",
  type: "oauth",
  authorization: { params: { scope: "restlets rest_webservices" } },
  profile: { id: "id", name: "name", email: "email", emailVerified: "never" },
  docs: { refresh: true, note: "`accountID`, and `userinfo` = your RESTlet answering the current user" },
});

/**
 * Options of the NetSuite preset: any provider option, plus the `accountID` the endpoints are built from.
 *
 * @example
 * ```ts
 * NetSuite({ accountID: "1234567", userinfo: "https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1" })
 * ```
 */
export interface NetSuiteOptions extends Partial<OAuthProvider> {
  /** The NetSuite account id, as in its URLs (lower case, `_` as `-`). */
  accountID: string;
}

/**
 * The NetSuite provider (id `"netsuite"`). Client id and secret default to `AUTH_NETSUITE_ID` / `AUTH_NETSUITE_SECRET`.
 *
 * @example
 * ```ts
 * import NetSuite from "sesame-auth/providers/netsuite";
 * export const { handlers, auth } = Sesame({ providers: [NetSuite({ accountID: "1234567", userinfo: restletUrl })] });
 * ```
 */
export default function NetSuite({ accountID, ...options }: NetSuiteOptions): OAuthProvider {
  const account = accountID.toLowerCase().replaceAll("_", "-");
  return netsuite({
    authorization: { url: `https://${account}.app.netsuite.com/app/login/oauth2/authorize.nl`, params: { scope: "restlets rest_webservices" } },
    token: `https://${account}.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token`,
    ...options,
  });
}

NetSuite.info = netsuite.info;
