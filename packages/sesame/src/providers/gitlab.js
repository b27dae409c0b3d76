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
export default function GitLab(options = {}) {
    return {
        id: "gitlab",
        name: "GitLab",
        type: "oidc",
        issuer: "https://gitlab.com",
        ...options,
    };
}
