/**
 * GitLab (OpenID Connect), gitlab.com or a self-managed instance via `issuer`; standard claims.
 * The email counts as verified only when the ID token or userinfo says `email_verified: true`.
 */
import type { StandardClaims } from "./oauth.js";
import { preset, standardClaims } from "./preset.js";

/** GitLab's ID token claims: the standard OpenID Connect ones. */
export type GitLabProfile = StandardClaims;

/**
 * The GitLab provider (id `"gitlab"`): gitlab.com by default, a self-managed instance with `issuer`. Client id and secret default to `AUTH_GITLAB_ID` / `AUTH_GITLAB_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import GitLab from "sesame-auth/providers/gitlab";
 * export const { handlers, auth } = Sesame({ providers: [GitLab()] }); // or GitLab({ issuer: "https://gitlab.example.com" })
 * ```
 */
export default preset<GitLabProfile, { baseUrl?: string | URL }>({
  id: "gitlab",
  name: "GitLab",
  type: "oidc",
  // As Auth.js lists it, so apps that read `/providers` see the same.
  listedType: "oauth",
  issuer: "https://gitlab.com",
  // next-auth's name for a self-managed instance's URL: the issuer.
  options: { baseUrl: (baseUrl) => ({ issuer: String(baseUrl).replace(/\/$/, "") }) },
  profile: standardClaims,
  docs: { refresh: true },
});
