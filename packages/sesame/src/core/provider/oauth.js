/**
 * The default profile mapping: the standard OpenID Connect claims (`sub`, `name` or else
 * `preferred_username` / `nickname`, `email`, `picture`), and `id` for plain OAuth APIs. The email counts
 * as verified only with `email_verified: true` (OpenID Connect Core §5.1); absent, `false` or anything
 * else, it does not.
 *
 * @example
 * ```ts
 * import { OAuth, standardProfile } from "sesame-auth/providers/oauth";
 * // An API whose user id is `user_id`; everything else is standard.
 * OAuth({ ...endpoints, profile: (p) => ({ ...standardProfile(p), id: String(p.user_id) }) })
 * ```
 */
export function standardProfile(profile) {
    const id = profile.sub ?? profile.id;
    return {
        id: id === undefined || id === null ? undefined : String(id),
        name: profile.name ?? profile.preferred_username ?? profile.nickname ?? null,
        email: profile.email ?? null,
        emailVerified: profile.email_verified === true,
        image: profile.picture ?? profile.image ?? null,
    };
}
