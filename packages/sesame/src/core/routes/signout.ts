/** `GET /signout` asks for confirmation (or redirects to `pages.signOut`); `POST /signout` ends the session and redirects. */
import type { RequestContext } from "../context.js";
import { csrfToken } from "../csrf.js";
import { html, redirect, wantsJson, withCookies, type Body } from "../http.js";
import { signOutPage } from "../pages/signout.js";
import { resolveCallbackUrl } from "../callback-url.js";
import { signOutSession } from "../session/sign-out.js";

export async function getSignOut(context: RequestContext): Promise<Response> {
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

export async function postSignOut(context: RequestContext, body: Body): Promise<Response> {
  const { cookies, redirectTo } = await signOutSession(context, await resolveCallbackUrl(context, body.callbackUrl));
  return redirect(redirectTo, wantsJson(context.request, body), withCookies(cookies));
}
