/**
 * Osso (OAuth 2.0). SAML single sign-on through Osso (an OAuth 2.0 front): `issuer` is your Osso server. The
 * email is the SAML IdP's assertion, not verified.
 */
import { preset } from "./preset.js";

/**
 * The Osso provider (id `"osso"`). Client id and secret default to `AUTH_OSSO_ID` / `AUTH_OSSO_SECRET`; `issuer` (required) defaults to `AUTH_OSSO_ISSUER`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Osso from "sesame-auth/providers/osso";
 * export const { handlers, auth } = Sesame({ providers: [Osso({ issuer: "https://osso.example.com" })] });
 * ```
 */
export default preset({
  id: "osso",
  name: "Osso",
  type: "oauth",
  instance: true,
  authorization: "/oauth/authorize",
  token: "/oauth/token",
  userinfo: "/oauth/me",
  clientAuth: "client_secret_post",
  profile: { id: "id", name: ["name", "email"], email: "email", emailVerified: "never" },
  docs: { refresh: false, note: "`issuer` = the Osso server" },
});
