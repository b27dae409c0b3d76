import { CallbackRouteError, CredentialsSignin, RateLimited, SesameError } from "../errors.js";
import { json, redirect, wantsJson, withCookies } from "../http.js";
import { resolveCallbackUrl } from "../callback-url.js";
import { signInPageUrl } from "../urls.js";
import { signInWith } from "./dispatch.js";
export async function signInResponse(context, provider, body) {
    const returnJson = wantsJson(context.request, body);
    const callbackUrl = await resolveCallbackUrl(context, body.callbackUrl);
    try {
        const { redirectTo, cookies } = await signInWith(context, provider, body, callbackUrl);
        return redirect(redirectTo, returnJson, withCookies(cookies));
    }
    catch (error) {
        if (provider.type === "credentials" && (error instanceof CredentialsSignin || error instanceof RateLimited)) {
            return backToTheForm(context, error, callbackUrl, returnJson);
        }
        if (error instanceof SesameError)
            throw error;
        throw new CallbackRouteError(`Signing in with "${provider.id}" failed.`, { cause: error });
    }
}
/** The sign-in page again, with the error's code (and a credentials error's own `code`), status and headers. */
function backToTheForm(context, error, callbackUrl, returnJson) {
    const code = error instanceof CredentialsSignin ? error.code : undefined;
    const url = signInPageUrl(context, { error: error.publicCode, code, callbackUrl });
    const detail = code === undefined ? { message: error.message } : { code };
    const headers = new Headers(error.headers);
    return returnJson ? json({ url, error: error.publicCode, ...detail }, { status: error.status, headers }) : redirect(url, false, headers);
}
