/**
 * Concept2 (OAuth 2.0): the Concept2 Logbook, profile from `/api/users/me`. Scope `user:read`: Concept2 asks
 * apps to request only what they need, and signing in needs the profile alone (next-auth 4 and Auth.js asked
 * for `user:read,results:write`, which lets the app write workouts; pass that scope if the app does). Concept2
 * requires the scope again at the token endpoint ("Do not rely on passing nothing as a scope": its default is
 * `user:read,results:write`), so the token request carries the scope the authorization request asked for.
 * Scopes are comma-separated. The API version is asked for in `Accept`, as Concept2 recommends.
 */
import { fetchJson, preset } from "./preset.js";

const ME = "https://log.concept2.com/api/users/me";

/**
 * The Concept2 provider (id `"concept2"`). Client id and secret default to `AUTH_CONCEPT2_ID` / `AUTH_CONCEPT2_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Concept2 from "sesame-auth/providers/concept2";
 * export const { handlers, auth } = Sesame({ providers: [Concept2()] });
 * ```
 */
export default preset({
  id: "concept2",
  name: "Concept2",
  type: "oauth",
  authorization: { url: "https://log.concept2.com/oauth/authorize", params: { scope: "user:read" } },
  token: "https://log.concept2.com/oauth/access_token",
  tokenRequest: ({ url, body }, provider) => {
    const scope = typeof provider.authorization === "object" ? provider.authorization.params?.scope : undefined;
    if (scope) body.set("scope", scope);
    return { url, init: { body } };
  },
  userinfo: {
    url: ME,
    request: ({ tokens, fetch }) => fetchJson(fetch, ME, { headers: { authorization: `Bearer ${tokens.access_token}`, accept: "application/vnd.c2logbook.v1+json" } }),
  },
  clientAuth: "client_secret_post",
  profile: { root: "data", id: "id", name: ["username", "first_name"], email: "email", image: "profile_image", emailVerified: "never" },
  docs: { refresh: true, note: "scope `user:read` (next-auth's was `user:read,results:write`)" },
});
