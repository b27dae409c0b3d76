import { csrfToken } from "../csrf.js";
import { html, redirect, wantsJson, withCookies } from "../http.js";
import { signOutPage } from "../pages/signout.js";
import { resolveCallbackUrl } from "../callback-url.js";
import { signOutSession } from "../session/sign-out.js";
export async function getSignOut(context) {
    const callbackUrl = await resolveCallbackUrl(context, context.url.searchParams.get("callbackUrl"));
    const custom = context.config.pages.signOut;
    if (custom) {
        const target = new URL(custom, context.origin);
        target.searchParams.set("callbackUrl", callbackUrl);
        return redirect(target.href, false);
    }
    const csrf = await csrfToken(context);
    const page = signOutPage({ authBase: context.authBase, csrfToken: csrf.token, callbackUrl, theme: context.config.theme });
    return html(page, { headers: withCookies(csrf.setCookie ? [csrf.setCookie] : []) });
}
export async function postSignOut(context, body) {
    const { cookies, redirectTo } = await signOutSession(context, await resolveCallbackUrl(context, body.callbackUrl));
    return redirect(redirectTo, wantsJson(context.request, body), withCookies(cookies));
}
