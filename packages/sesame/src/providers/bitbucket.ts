/**
 * Bitbucket Cloud: scopes `account email`; the profile from `/2.0/user`, the email from `/2.0/user/emails`
 * (Bitbucket's `/user` carries none). That list holds confirmed and unconfirmed addresses: the email is the
 * one marked `is_primary`, and counts as verified only when also `is_confirmed`. Without the `email`
 * permission on the consumer the list answers an error: the user then has no email (the sign-in goes on).
 */
import type { Profile } from "../core/types.js";
import type { ProviderFetch, TokenSet } from "./oauth.js";
import { fetchJson, preset } from "./preset.js";

const API = "https://api.bitbucket.org/2.0";

interface BitbucketEmail {
  email?: unknown;
  is_primary?: unknown;
  is_confirmed?: unknown;
}

/** `/2.0/user`, with `email` and `email_verified` set from the primary address of `/2.0/user/emails`. */
async function bitbucketUser({ tokens, fetch }: { tokens: TokenSet; fetch: ProviderFetch }): Promise<Profile> {
  const init = { headers: { authorization: `Bearer ${tokens.access_token}` } };
  const user = await fetchJson(fetch, `${API}/user`, init);
  const listed = await fetchJson(fetch, `${API}/user/emails`, init).catch(() => ({ values: [] }));
  const values: BitbucketEmail[] = Array.isArray(listed.values) ? (listed.values as BitbucketEmail[]) : [];
  const primary = values.find((entry) => entry.is_primary === true && typeof entry.email === "string");
  return { ...user, email: (primary?.email as string | undefined) ?? null, email_verified: primary?.is_confirmed === true };
}

/**
 * The Bitbucket provider (id `"bitbucket"`). Client id and secret default to `AUTH_BITBUCKET_ID` / `AUTH_BITBUCKET_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Bitbucket from "sesame-auth/providers/bitbucket";
 * export const { handlers, auth } = Sesame({ providers: [Bitbucket()] });
 * ```
 */
export default preset({
  id: "bitbucket",
  name: "Bitbucket",
  type: "oauth",
  authorization: { url: "https://bitbucket.org/site/oauth2/authorize", params: { scope: "account email" } },
  token: "https://bitbucket.org/site/oauth2/access_token",
  userinfo: { url: `${API}/user`, request: bitbucketUser },
  profile: { id: ["uuid", "account_id"], name: ["display_name", "username"], email: "email", image: "links.avatar.href", emailVerified: { claim: "email_verified" } },
  docs: { refresh: true, emailVerified: "when `/2.0/user/emails` marks the primary address `is_confirmed`", note: "give the consumer the Email permission" },
});
