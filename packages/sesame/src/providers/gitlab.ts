/**
 * GitLab (OpenID Connect), gitlab.com or a self-managed instance via `issuer`; standard claims.
 * The email counts as verified only when the ID token or userinfo says `email_verified: true`.
 */
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
