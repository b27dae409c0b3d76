import { CallbackRouteError, CredentialsSignin, SesameError } from "../errors.js";
import { clearSignInLimit, limitSignIn } from "../rate-limit/limit.js";
import { completeSignIn } from "./complete.js";
/** Fields Sesame itself posts with the form; they are not credentials. */
const RESERVED_FIELDS = new Set(["csrfToken", "callbackUrl", "json", "redirect", "data"]);
/** The form field naming the account: configured, else the first that is not a password. */
function identifierField(provider) {
    if (provider.identifier)
        return provider.identifier;
    const fields = Object.entries(provider.credentials);
    return fields.find(([, input]) => input.type !== "password")?.[0] ?? "username";
}
export async function signInWithCredentials(context, provider, body, callbackUrl) {
    const credentials = {};
    for (const [key, value] of Object.entries(body)) {
        if (!RESERVED_FIELDS.has(key) && typeof value === "string")
            credentials[key] = value;
    }
    const identifier = credentials[identifierField(provider)];
    await limitSignIn(context, provider.id, identifier);
    let user;
    try {
        user = await provider.authorize(credentials, context.request);
    }
    catch (error) {
        if (error instanceof SesameError)
            throw error;
        throw new CallbackRouteError(`authorize() of provider "${provider.id}" threw.`, { cause: error });
    }
    if (!user)
        throw new CredentialsSignin();
    await clearSignInLimit(context, provider.id, identifier);
    // Credentials users without an id still need a stable subject for this session.
    const signedIn = { ...user, id: user.id ?? crypto.randomUUID() };
    return completeSignIn(context, {
        user: signedIn,
        account: { provider: provider.id, type: "credentials", providerAccountId: signedIn.id },
        credentials,
    }, callbackUrl);
}
