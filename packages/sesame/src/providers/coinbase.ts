/**
 * Coinbase: scopes `wallet:user:email wallet:user:read`; the profile from `/v2/user`, its email not said to be
 * verified.
 */
import { preset } from "./preset.js";

/**
 * The Coinbase provider (id `"coinbase"`). Client id and secret default to `AUTH_COINBASE_ID` / `AUTH_COINBASE_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Coinbase from "sesame-auth/providers/coinbase";
 * export const { handlers, auth } = Sesame({ providers: [Coinbase()] });
 * ```
 */
export default preset({
  id: "coinbase",
  name: "Coinbase",
  type: "oauth",
  authorization: { url: "https://login.coinbase.com/oauth2/auth", params: { scope: "wallet:user:email wallet:user:read" } },
  token: "https://login.coinbase.com/oauth2/token",
  userinfo: "https://api.coinbase.com/v2/user",
  clientAuth: "client_secret_post",
  profile: { root: "data", id: "id", name: "name", email: "email", image: "avatar_url", emailVerified: "never" },
  docs: { refresh: true },
});
