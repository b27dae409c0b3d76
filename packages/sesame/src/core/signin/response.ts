/**
 * The HTTP answer to a sign-in a browser or client POSTs (`/signin/:provider`, or a credentials form on
 * `/callback/:provider`): a redirect to where the dispatch sends the user (or `{ url }` for clients that
 * navigate themselves), with its cookies. A credentials form that was refused goes back to the sign-in page
 * with the reason, the same whether the user exists or the password is wrong.
 */
import type { RequestContext } from "../context.js";
import { CallbackRouteError, CredentialsSignin, RateLimited, SesameError } from "../errors.js";
import { json, redirect, wantsJson, withCookies, type Body } from "../http.js";
import type { Provider } from "../provider/provider.js";
import { resolveCallbackUrl } from "../callback-url.js";
import { signInPageUrl } from "../urls.js";
import { signInWith } from "./dispatch.js";

export async function signInResponse(context: RequestContext, provider: Provider, body: Body): Promise<Response> {
  const returnJson = wantsJson(context.request, body);
  const callbackUrl = await resolveCallbackUrl(context, body.callbackUrl);
  try {
    const { redirectTo, cookies } = await signInWith(context, provider, body, callbackUrl);
    return redirect(redirectTo, returnJson, withCookies(cookies));
  } catch (error) {
    if (provider.type === "credentials" && (error instanceof CredentialsSignin || error instanceof RateLimited)) {
      return backToTheForm(context, error, callbackUrl, returnJson);
    }
    if (error instanceof SesameError) throw error;
    throw new CallbackRouteError(`Signing in with "${provider.id}" failed.`, { cause: error });
  }
}

/** The sign-in page again, with the error's code (and a credentials error's own `code`), status and headers. */
function backToTheForm(context: RequestContext, error: CredentialsSignin | RateLimited, callbackUrl: string, returnJson: boolean): Response {
  const code = error instanceof CredentialsSignin ? error.code : undefined;
  const url = signInPageUrl(context, { error: error.publicCode, code, callbackUrl });
  const detail = code === undefined ? { message: error.message } : { code };
  const headers = new Headers(error.headers);
  return returnJson ? json({ url, error: error.publicCode, ...detail }, { status: error.status, headers }) : redirect(url, false, headers);
}
