/**
 * GitHub (OAuth 2.0, not OpenID Connect). The profile's email is the account's primary address from the
 * emails API, verified when GitHub marks it `primary && verified`. Without the `user:email` scope the
 * emails API answers 404: the public profile email is used, and it counts as unverified, since GitHub does
 * not say whether it was confirmed.
 */
import type { Profile } from "../core/types.js";
import type { OAuthProvider, ProviderFetch, TokenSet } from "./oauth.js";
import { presetInfo, withAuthorization } from "./preset.js";

/** GitHub's `/user` answer, with the primary email from the emails API. */
export interface GitHubProfile extends Profile {
  id: number;
  login: string;
  name: string | null;
  email: string | null;
  /** Set by Sesame: whether `email` is the primary address GitHub's emails API marks verified. */
  email_verified: boolean;
  avatar_url: string;
}

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/**
 * Options of the GitHub preset: any provider option, plus `enterprise` for GitHub Enterprise Server.
 *
 * @example
 * ```ts
 * GitHub({ enterprise: { baseUrl: "https://github.example.com" } })
 * ```
 */
export interface GitHubOptions extends Partial<OAuthProvider<GitHubProfile>> {
  /** GitHub Enterprise Server: its base URL, e.g. `https://github.example.com`. */
  enterprise?: { baseUrl: string };
}

/**
 * The GitHub provider (id `"github"`, scopes `read:user user:email`). Client id and secret default to `AUTH_GITHUB_ID` / `AUTH_GITHUB_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import GitHub from "sesame-auth/providers/github";
 * export const { handlers, auth } = Sesame({ providers: [GitHub()] }); // AUTH_GITHUB_ID, AUTH_GITHUB_SECRET
 * ```
 */
export default function GitHub({ enterprise, authorization, ...options }: GitHubOptions = {}): OAuthProvider<GitHubProfile> {
  const web = enterprise?.baseUrl.replace(/\/$/, "") ?? "https://github.com";
  const api = enterprise ? `${web}/api/v3` : "https://api.github.com";
  return {
    id: "github",
    name: "GitHub",
    type: "oauth",
    authorization: withAuthorization({ url: `${web}/login/oauth/authorize`, params: { scope: "read:user user:email" } }, authorization),
    token: `${web}/login/oauth/access_token`,
    userinfo: { url: `${api}/user`, request: ({ tokens, fetch }) => githubProfile(api, tokens, fetch) },
    profile: (p) => ({ id: String(p.id), name: p.name ?? p.login, email: p.email, emailVerified: p.email_verified === true, image: p.avatar_url }),
    ...options,
  };
}

GitHub.info = presetInfo({
  id: "github",
  name: "GitHub",
  type: "oauth",
  profile: { id: "id", name: ["name", "login"], email: "email", image: "avatar_url", emailVerified: { claim: "email_verified" } },
  docs: { refresh: false, emailVerified: "when the emails API marks the primary address verified", note: "`enterprise: { baseUrl }` for GitHub Enterprise Server" },
});

async function githubProfile(api: string, tokens: TokenSet, fetch: ProviderFetch): Promise<GitHubProfile> {
  const headers = { authorization: `Bearer ${tokens.access_token}`, accept: "application/vnd.github+json", "user-agent": "sesame" };
  const response = await fetch(`${api}/user`, { headers });
  if (!response.ok) throw new Error(`GitHub /user answered ${response.status}`);
  const profile = { ...((await response.json()) as GitHubProfile), email_verified: false };
  // Without the user:email scope this answers 404; the public profile email stays, unverified.
  const emails = await fetch(`${api}/user/emails`, { headers });
  if (emails.ok) {
    const listed: unknown = await emails.json();
    const primary = Array.isArray(listed) ? (listed as GitHubEmail[]).find((e) => e.primary === true && e.verified === true) : undefined;
    profile.email = typeof primary?.email === "string" ? primary.email : null;
    profile.email_verified = profile.email !== null;
  }
  return profile;
}
