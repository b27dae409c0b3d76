/** GitLab (OpenID Connect), gitlab.com or a self-managed instance via `issuer`; standard claims. */
import type { OAuthProvider, StandardClaims } from "./oauth.js";

export type GitLabProfile = StandardClaims;

export default function GitLab(options: Partial<OAuthProvider<GitLabProfile>> = {}): OAuthProvider<GitLabProfile> {
  return {
    id: "gitlab",
    name: "GitLab",
    type: "oidc",
    issuer: "https://gitlab.com",
    ...options,
  };
}
