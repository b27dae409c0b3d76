/** `GET /signin` shows the sign-in page; `POST /signin/:provider` starts signing in with a provider. */
import type { RequestContext } from "../context.js";
import { csrfToken } from "../csrf.js";
import { html, redirect, withCookies, type Body } from "../http.js";
import { signInPage } from "../pages/signin.js";
import type { Provider } from "../provider/provider.js";
import { callbackUrlCookie, resolveCallbackUrl } from "../callback-url.js";
import { signInResponse } from "../signin/response.js";
import { randomString } from "../random.js";
import { signInPageUrl } from "../urls.js";
import { parseMaxAge } from "../step-up-marker.js";

export async function getSignIn(context: RequestContext): Promise<Response> {
  const params = context.url.searchParams;
  const callbackUrl = await resolveCallbackUrl(context, params.get("callbackUrl"));
  const cookies = [callbackUrlCookie(context, callbackUrl)];
  // A re-authentication's marker goes on, to the app's page or into the built-in page's forms. One that is
  // not seconds is dropped: the page still works, and the session's `auth_time` still decides step-up.
  const maxAge = parseMaxAge(params.get("maxAge") ?? undefined);
  const marker = maxAge === undefined ? undefined : String(maxAge);
  if (context.config.pages.signIn) {
    const target = signInPageUrl(context, { callbackUrl, error: params.get("error") ?? undefined, code: params.get("code") ?? undefined, maxAge: marker });
    return redirect(target, false, withCookies(cookies));
  }
  const csrf = await csrfToken(context);
  if (csrf.setCookie) cookies.push(csrf.setCookie);
  // A fresh nonce per page for its one script (passkey sign-in), when it has one.
  const scriptNonce = context.config.passkeys ? randomString(22) : undefined;
  const body = signInPage({
    providers: [...context.config.providers.values()],
    authBase: context.authBase,
    csrfToken: csrf.token,
    callbackUrl,
    error: params.get("error"),
    theme: context.config.theme,
    signInUrl: signInPageUrl(context, { callbackUrl, maxAge: marker }),
    scriptNonce,
    maxAge,
  });
  return html(body, { headers: withCookies(cookies), scriptNonce });
}

/**
 * `POST /signin/:provider`: signs in with the provider (CSRF-checked where the request entered, so no other
 * site can start one for the user): credentials right here, email by mailing a link, OAuth by sending the
 * user to the provider.
 */
export function postSignIn(context: RequestContext, body: Body, provider: Provider): Promise<Response> {
  return signInResponse(context, provider, body);
}
