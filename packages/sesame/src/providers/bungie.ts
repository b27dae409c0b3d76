/**
 * Bungie.net (OAuth 2.0). Bungie's API wants the application's API key (`X-API-Key`) beside the access
 * token: pass `apiKey` or set `AUTH_BUNGIE_API_KEY`. The user is the Bungie.net account of
 * `GetMembershipsForCurrentUser`; the client authenticates with HTTP Basic (a confidential client) and
 * Bungie supports no PKCE. No email.
 */
import type { Profile } from "../core/types.js";
import type { OAuthProvider } from "./oauth.js";
import { claimAt, env, fetchJson, mapProfile, preset } from "./preset.js";

const MEMBERSHIPS = "https://www.bungie.net/Platform/User/GetMembershipsForCurrentUser/";

const bungie = preset({
  id: "bungie",
  name: "Bungie",
  type: "oauth",
  authorization: "https://www.bungie.net/en/OAuth/Authorize",
  token: "https://www.bungie.net/platform/app/oauth/token/",
  userinfo: MEMBERSHIPS,
  checks: ["state"],
  profile: (p) => {
    const path = claimAt(p, "Response.bungieNetUser.profilePicturePath");
    return {
      ...mapProfile(p, { root: "Response.bungieNetUser", id: "membershipId", name: ["uniqueName", "displayName"], emailVerified: "never" }),
      image: typeof path === "string" ? `https://www.bungie.net${path}` : null,
    };
  },
  docs: { refresh: true, returns: "id, name, image", emailVerified: "no email", note: "`apiKey` (or `AUTH_BUNGIE_API_KEY`) for the X-API-Key header" },
});

/**
 * Options of the Bungie preset: any provider option, plus the application's `apiKey`.
 *
 * @example
 * ```ts
 * Bungie({ apiKey: process.env.BUNGIE_API_KEY })
 * ```
 */
export interface BungieOptions extends Partial<OAuthProvider> {
  /** The application's API key, sent as `X-API-Key`. Default: `AUTH_BUNGIE_API_KEY`. */
  apiKey?: string;
}

/**
 * The Bungie provider (id `"bungie"`). Client id and secret default to `AUTH_BUNGIE_ID` / `AUTH_BUNGIE_SECRET`, the API key to `AUTH_BUNGIE_API_KEY`.
 *
 * @example
 * ```ts
 * import Bungie from "sesame-auth/providers/bungie";
 * export const { handlers, auth } = Sesame({ providers: [Bungie({ apiKey: process.env.BUNGIE_API_KEY })] });
 * ```
 */
export default function Bungie({ apiKey = env("AUTH_BUNGIE_API_KEY"), ...options }: BungieOptions = {}): OAuthProvider {
  const request = ({ tokens, fetch }: { tokens: { access_token: string }; fetch: (url: string, init?: RequestInit) => Promise<Response> }): Promise<Profile> =>
    fetchJson(fetch, MEMBERSHIPS, { headers: { authorization: `Bearer ${tokens.access_token}`, "x-api-key": apiKey ?? "" } });
  return bungie({ userinfo: { url: MEMBERSHIPS, request }, ...options });
}

Bungie.info = bungie.info;
