/** `GET /signin` shows the sign-in page; `POST /signin/:provider` starts signing in with a provider. */
import type { RequestContext } from "../context.js";
import { assertCsrf, csrfToken } from "../csrf.js";
import { UnknownProvider } from "../errors.js";
import { html, redirect, wantsJson, withCookies, type Body } from "../http.js";
import { startSignIn } from "../oauth/authorize.js";
import { sendSignInLink } from "../signin/email.js";
import { signInPage } from "../pages/signin.js";
import { callbackUrlCookie, resolveCallbackUrl } from "../redirect.js";
import { callback } from "./callback.js";

export async function getSignIn(context: RequestContext): Promise<Response> {
  const params = context.url.searchParams;
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
 * `POST /signin/:provider`: starts a redirect-based sign-in (CSRF-checked, so no other site can start one
 * for the user). Credentials sign in right here, as on their callback.
 */
export async function postSignIn(context: RequestContext, providerId: string, body: Body): Promise<Response> {
  const provider = context.config.providers.get(providerId);
  if (!provider) throw new UnknownProvider(`No provider with id "${providerId}" is configured.`);
  if (provider.type === "credentials") return callback(context, providerId, body);
  if (provider.type === "email") return redirect(await sendSignInLink(context, provider, body), wantsJson(context.request, body));
  await assertCsrf(context, body.csrfToken);
  const callbackUrl = await resolveCallbackUrl(context, body.callbackUrl);
  const { url, cookie } = await startSignIn(context, provider, callbackUrl);
  return redirect(url, wantsJson(context.request, body), withCookies([cookie, callbackUrlCookie(context, callbackUrl)]));
}
