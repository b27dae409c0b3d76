/**
 * Patreon (API v2): scopes `identity identity[email]`; the email verified when Patreon says
 * `is_email_verified`.
 */
import { preset } from "./preset.js";

/**
 * The Patreon provider (id `"patreon"`). Client id and secret default to `AUTH_PATREON_ID` / `AUTH_PATREON_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Patreon from "sesame-auth/providers/patreon";
 * export const { handlers, auth } = Sesame({ providers: [Patreon()] });
 * ```
 */
export default preset({
  id: "patreon",
  name: "Patreon",
  type: "oauth",
  authorization: { url: "https://www.patreon.com/oauth2/authorize", params: { scope: "identity identity[email]" } },
  token: "https://www.patreon.com/api/oauth2/token",
  userinfo: "https://www.patreon.com/api/oauth2/v2/identity?fields%5Buser%5D=email,full_name,image_url,is_email_verified",
  clientAuth: "client_secret_post",
  profile: { root: "data", id: "id", name: "attributes.full_name", email: "attributes.email", image: "attributes.image_url", emailVerified: { claim: "attributes.is_email_verified" } },
  docs: { refresh: true },
});
