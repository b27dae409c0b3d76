/**
 * EVE Online SSO v2: the character from `/oauth/verify`, its portrait from the image server. No email.
 */
import { mapProfile, preset } from "./preset.js";

/**
 * The EVE Online provider (id `"eveonline"`). Client id and secret default to `AUTH_EVEONLINE_ID` / `AUTH_EVEONLINE_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import EVEOnline from "sesame-auth/providers/eveonline";
 * export const { handlers, auth } = Sesame({ providers: [EVEOnline()] });
 * ```
 */
export default preset({
  id: "eveonline",
  name: "EVE Online",
  type: "oauth",
  authorization: { url: "https://login.eveonline.com/v2/oauth/authorize", params: { scope: "publicData" } },
  token: "https://login.eveonline.com/v2/oauth/token",
  userinfo: "https://login.eveonline.com/oauth/verify",
  profile: (p) => ({
    ...mapProfile(p, { id: "CharacterID", name: "CharacterName", emailVerified: "never" }),
    image: `https://images.evetech.net/characters/${String(p.CharacterID)}/portrait`,
  }),
  docs: { refresh: true, returns: "id, name, image", emailVerified: "no email" },
});
