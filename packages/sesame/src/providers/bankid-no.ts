/**
 * BankID Norway (OpenID Connect). BankID's OpenID Connect server (`issuer`
 * `https://auth.bankid.no/auth/realms/prod`; the test realm with `issuer`). The name from the ID token; no
 * email by default.
 */
import { preset } from "./preset.js";

/**
 * The BankID Norway provider (id `"bankid-no"`). Client id and secret default to `AUTH_BANKID_NO_ID` / `AUTH_BANKID_NO_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import BankIDNorway from "sesame-auth/providers/bankid-no";
 * export const { handlers, auth } = Sesame({ providers: [BankIDNorway()] });
 * ```
 */
export default preset({
  id: "bankid-no",
  name: "BankID Norway",
  type: "oidc",
  issuer: "https://auth.bankid.no/auth/realms/prod",
  authorization: { params: { scope: "openid profile" } },
  profile: { id: "sub", name: "name", emailVerified: "never" },
  docs: { refresh: false },
});
