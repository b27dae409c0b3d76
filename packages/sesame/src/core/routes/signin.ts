/** `GET /signin` shows the sign-in page (or redirects to the app's own); `POST /signin/:provider` starts one. */
import type { RequestContext } from "../context.js";
import { csrfToken } from "../csrf.js";
import { html, redirect, withCookies, type Body } from "../http.js";
import { signInPage } from "../pages/signin.js";
import { callbackUrlCookie, resolveCallbackUrl } from "../redirect.js";
import { callback } from "./callback.js";

export async function getSignIn(context: RequestContext): Promise<Response> {
  const params = new URL(context.request.url).searchParams;
  const callbackUrl = await resolveCallbackUrl(context, params.get("callbackUrl"));
  const cookies = [callbackUrlCookie(context, callbackUrl)];
  const custom = context.config.pages.signIn;
  if (custom) {
    const target = new URL(custom, context.origin);
    for (const key of ["callbackUrl", "error", "code"]) {
      const value = key === "callbackUrl" ? callbackUrl : params.get(key);
      if (value) target.searchParams.set(key, value);
    }
    return redirect(target.href, false, withCookies(cookies));
  }
  const csrf = await csrfToken(context);
  if (csrf.setCookie) cookies.push(csrf.setCookie);
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
 * Credentials sign in where they are posted, so `POST /signin/credentials` behaves as the callback does.
 * Redirect-based providers start their flow here.
 */
export async function postSignIn(context: RequestContext, providerId: string, body: Body): Promise<Response> {
  return callback(context, providerId, body);
}
