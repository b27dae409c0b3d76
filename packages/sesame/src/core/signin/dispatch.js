import { startSignIn } from "../oauth/authorization-request.js";
import { callbackUrlCookie } from "../callback-url.js";
import { signInWithCredentials } from "./credentials.js";
import { sendSignInLink } from "./email.js";
/**
 * Signs in with `provider`. `fields` are the form's fields (credentials, or `email`); `callbackUrl` is the
 * destination, already vetted by `resolveCallbackUrl`. Email vets `fields.callbackUrl` itself, against the
 * origin of the link it mails (which a request header must not choose).
 */
export async function signInWith(context, provider, fields, callbackUrl) {
    switch (provider.type) {
        case "credentials":
            return signInWithCredentials(context, provider, fields, callbackUrl);
        case "email":
            return { redirectTo: await sendSignInLink(context, provider, fields), cookies: [] };
        default: {
            const { url, cookie } = await startSignIn(context, provider, callbackUrl);
            return { redirectTo: url, cookies: [cookie, callbackUrlCookie(context, callbackUrl)] };
        }
    }
}
