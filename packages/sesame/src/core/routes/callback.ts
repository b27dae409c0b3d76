/** `GET|POST /callback/:provider`: where a provider hands the user back. Credentials post their form here. */
import type { RequestContext } from "../context.js";
import { CallbackRouteError, CredentialsSignin, MethodNotAllowed, SesameError, UnknownProvider } from "../errors.js";
import { json, redirect, wantsJson, withCookies, type Body } from "../http.js";
import { resolveCallbackUrl } from "../redirect.js";
import { signInWithCredentials } from "../signin/credentials.js";
import { signInPageUrl } from "../urls.js";

export async function callback(context: RequestContext, providerId: string, body: Body): Promise<Response> {
  const provider = context.config.providers.get(providerId);
  if (!provider) throw new UnknownProvider(`No provider with id "${providerId}" is configured.`);
  const returnJson = wantsJson(context.request, body);
  if (context.request.method !== "POST") {
    throw new MethodNotAllowed(["POST"], `Provider "${providerId}" signs in with a POST of its form.`);
  }
  const callbackUrl = await resolveCallbackUrl(context, body.callbackUrl);
  try {
    const outcome = await signInWithCredentials(context, provider, body, callbackUrl);
    return redirect(outcome.redirectTo, returnJson, withCookies(outcome.cookies));
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      // Back to the form with the reason; the same answer whether the user exists or the password is wrong.
      const url = signInPageUrl(context, { error: error.type, code: error.code, callbackUrl });
      return returnJson ? json({ url, error: error.type, code: error.code }, { status: 401 }) : redirect(url, false);
    }
    if (error instanceof SesameError) throw error;
    throw new CallbackRouteError(`Signing in with "${providerId}" failed.`, { cause: error });
  }
}
