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
export default function GitHub({ enterprise, ...options } = {}) {
    const web = enterprise?.baseUrl.replace(/\/$/, "") ?? "https://github.com";
    const api = enterprise ? `${web}/api/v3` : "https://api.github.com";
    return {
        id: "github",
        name: "GitHub",
        type: "oauth",
        authorization: { url: `${web}/login/oauth/authorize`, params: { scope: "read:user user:email" } },
        token: `${web}/login/oauth/access_token`,
        userinfo: { url: `${api}/user`, request: ({ tokens, fetch }) => githubProfile(api, tokens, fetch) },
        profile: (p) => ({ id: String(p.id), name: p.name ?? p.login, email: p.email, emailVerified: p.email_verified === true, image: p.avatar_url }),
        ...options,
    };
}
async function githubProfile(api, tokens, fetch) {
    const headers = { authorization: `Bearer ${tokens.access_token}`, accept: "application/vnd.github+json", "user-agent": "sesame" };
    const response = await fetch(`${api}/user`, { headers });
    if (!response.ok)
        throw new Error(`GitHub /user answered ${response.status}`);
    const profile = { ...(await response.json()), email_verified: false };
    // Without the user:email scope this answers 404; the public profile email stays, unverified.
    const emails = await fetch(`${api}/user/emails`, { headers });
    if (emails.ok) {
        const listed = await emails.json();
        const primary = Array.isArray(listed) ? listed.find((e) => e.primary === true && e.verified === true) : undefined;
        profile.email = typeof primary?.email === "string" ? primary.email : null;
        profile.email_verified = profile.email !== null;
    }
    return profile;
}
