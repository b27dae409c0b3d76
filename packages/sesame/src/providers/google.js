/**
 * The Google provider (id `"google"`). Options override the preset; client id and secret default to `AUTH_GOOGLE_ID` / `AUTH_GOOGLE_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Google from "sesame-auth/providers/google";
 * export const { handlers, auth } = Sesame({ providers: [Google()] }); // AUTH_GOOGLE_ID, AUTH_GOOGLE_SECRET
 * ```
 */
export default function Google(options = {}) {
    return {
        id: "google",
        name: "Google",
        type: "oidc",
        issuer: "https://accounts.google.com",
        profile: (p) => ({ id: p.sub, name: p.name, email: p.email, emailVerified: p.email_verified === true, image: p.picture }),
        ...options,
    };
}
