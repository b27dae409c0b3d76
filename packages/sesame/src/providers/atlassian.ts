/**
 * Atlassian (Jira, Confluence) OAuth 2.0 (3LO): audience `api.atlassian.com`, scopes `read:me read:account`;
 * the profile from `/me`, the email verified when `email_verified` is true.
 */
import { preset } from "./preset.js";

/**
 * The Atlassian provider (id `"atlassian"`). Client id and secret default to `AUTH_ATLASSIAN_ID` / `AUTH_ATLASSIAN_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Atlassian from "sesame-auth/providers/atlassian";
 * export const { handlers, auth } = Sesame({ providers: [Atlassian()] });
 * ```
 */
export default preset({
  id: "atlassian",
  name: "Atlassian",
  type: "oauth",
  authorization: { url: "https://auth.atlassian.com/authorize", params: { audience: "api.atlassian.com", prompt: "consent", scope: "read:me read:account" } },
  token: "https://auth.atlassian.com/oauth/token",
  userinfo: "https://api.atlassian.com/me",
  clientAuth: "client_secret_post",
  profile: { id: "account_id", name: ["name", "nickname"], email: "email", image: "picture", emailVerified: { claim: "email_verified" } },
  docs: { refresh: true, note: "refresh tokens with the `offline_access` scope" },
});
