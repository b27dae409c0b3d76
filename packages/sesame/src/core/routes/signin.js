import { csrfToken } from "../csrf.js";
import { html, redirect, withCookies } from "../http.js";
import { signInPage } from "../pages/signin.js";
import { callbackUrlCookie, resolveCallbackUrl } from "../callback-url.js";
import { signInResponse } from "../signin/response.js";
import { signInPageUrl } from "../urls.js";
export async function getSignIn(context) {
    const params = context.url.searchParams;
    const callbackUrl = await resolveCallbackUrl(context, params.get("callbackUrl"));
    const cookies = [callbackUrlCookie(context, callbackUrl)];
    if (context.config.pages.signIn) {
        const target = signInPageUrl(context, { callbackUrl, error: params.get("error") ?? undefined, code: params.get("code") ?? undefined });
        return redirect(target, false, withCookies(cookies));
    }
    const csrf = await csrfToken(context);
    if (csrf.setCookie)
        cookies.push(csrf.setCookie);
    const body = signInPage({
        providers: [...context.config.providers.values()],
        authBase: context.authBase,
        csrfToken: csrf.token,
        callbackUrl,
        error: params.get("error"),
        theme: context.config.theme,
    });
    return html(body, { headers: withCookies(cookies) });
}
/**
 * `POST /signin/:provider`: signs in with the provider (CSRF-checked where the request entered, so no other
 * site can start one for the user): credentials right here, email by mailing a link, OAuth by sending the
 * user to the provider.
 */
export function postSignIn(context, body, provider) {
    return signInResponse(context, provider, body);
}
