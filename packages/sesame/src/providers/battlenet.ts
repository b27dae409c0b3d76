/**
 * Battle.net (OpenID Connect). Issuer `https://oauth.battle.net` (`https://oauth.battlenet.com.cn` in China,
 * with `issuer`). The name is the BattleTag; Battle.net gives no email.
 */
import { preset } from "./preset.js";

/**
 * The Battle.net provider (id `"battlenet"`). Client id and secret default to `AUTH_BATTLENET_ID` / `AUTH_BATTLENET_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import BattleNet from "sesame-auth/providers/battlenet";
 * export const { handlers, auth } = Sesame({ providers: [BattleNet()] });
 * ```
 */
export default preset({
  id: "battlenet",
  name: "Battle.net",
  type: "oidc",
  issuer: "https://oauth.battle.net",
  authorization: { params: { scope: "openid" } },
  profile: { id: "sub", name: "battle_tag", emailVerified: "never" },
  docs: { refresh: false },
});
