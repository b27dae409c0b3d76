/** The longest name kept from the posted `user` field; Apple's are far shorter. */
const MAX_NAME_LENGTH = 200;
/**
 * The name in Apple's posted `user` field (`{"name":{"firstName","lastName"},"email"}`); its email is ignored.
 * Sesame calls it on Apple's first callback; `null` when the field holds no usable name.
 *
 * @example
 * ```ts
 * applePostedName('{"name":{"firstName":"Ada","lastName":"Lovelace"}}'); // "Ada Lovelace"
 * ```
 */
export function applePostedName(value) {
    let posted;
    try {
        posted = JSON.parse(value);
    }
    catch {
        return null;
    }
    const name = posted?.name;
    if (typeof name !== "object" || name === null)
        return null;
    const { firstName, lastName } = name;
    const full = [firstName, lastName]
        .filter((part) => typeof part === "string")
        .map((part) => part.trim())
        .filter(Boolean)
        .join(" ");
    return full && full.length <= MAX_NAME_LENGTH ? full : null;
}
/**
 * The Sign in with Apple provider (id `"apple"`). `clientId` is the Services ID; `clientSecret` the JWT
 * signed with your .p8 key (defaults: `AUTH_APPLE_ID` / `AUTH_APPLE_SECRET`).
 *
 * @example
 * ```ts
 * Apple({ clientId: "com.example.web", clientSecret: appleClientSecretJwt })
 * ```
 */
export default function Apple(options = {}) {
    return {
        id: "apple",
        name: "Apple",
        type: "oidc",
        issuer: "https://appleid.apple.com",
        authorization: { params: { scope: "name email" } },
        responseMode: "form_post",
        clientAuth: "client_secret_post",
        postedName: { field: "user", read: applePostedName },
        profile: (p) => ({
            id: p.sub,
            name: null,
            email: p.email ?? null,
            emailVerified: p.email_verified === true || p.email_verified === "true",
            image: null,
        }),
        ...options,
    };
}
