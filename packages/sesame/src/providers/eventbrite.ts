/**
 * Eventbrite: the profile from `/v3/users/me/`; the first listed email, verified when Eventbrite marks it
 * `verified`.
 */
import { preset } from "./preset.js";

/**
 * The Eventbrite provider (id `"eventbrite"`). Client id and secret default to `AUTH_EVENTBRITE_ID` / `AUTH_EVENTBRITE_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Eventbrite from "sesame-auth/providers/eventbrite";
 * export const { handlers, auth } = Sesame({ providers: [Eventbrite()] });
 * ```
 */
export default preset({
  id: "eventbrite",
  name: "Eventbrite",
  type: "oauth",
  authorization: "https://www.eventbrite.com/oauth/authorize",
  token: "https://www.eventbrite.com/oauth/token",
  userinfo: "https://www.eventbriteapi.com/v3/users/me/",
  clientAuth: "client_secret_post",
  profile: { id: "id", name: ["name", "first_name"], email: "emails.0.email", emailVerified: { claim: "emails.0.verified" } },
  docs: { refresh: false },
});
