/**
 * `GET|POST /callback/:provider`: where a provider hands the user back. Credentials post their form here;
 * OAuth providers redirect here with `?code&state` (or post it, with `response_mode=form_post`).
 */
import type { CredentialsProvider } from "../provider/credentials.js";
import type { OAuthProvider } from "../provider/oauth.js";
import type { RequestContext } from "../context.js";
import { CallbackRouteError, CredentialsSignin, MethodNotAllowed, RateLimited, SesameError, UnknownProvider } from "../errors.js";
import { json, redirect, wantsJson, withCookies, type Body } from "../http.js";
import { finishSignIn } from "../oauth/callback.js";
import { clearChecksCookie } from "../oauth/checks.js";
import { endSessionClaims } from "../oauth/logout.js";
import { dropQueryName, openPostedName, SEALED_NAME_PARAM, sealPostedName, takePostedName } from "../oauth/posted-name.js";
import { resolveCallbackUrl } from "../redirect.js";
import { completeSignIn } from "../signin/complete.js";
import { signInWithCredentials } from "../signin/credentials.js";
import { acceptSignInLink } from "../signin/email.js";
import { signInPageUrl } from "../urls.js";

export async function callback(context: RequestContext, providerId: string, body: Body): Promise<Response> {
  const provider = context.config.providers.get(providerId);
  if (!provider) throw new UnknownProvider(`No provider with id "${providerId}" is configured.`);
  try {
    if (provider.type === "credentials") return await credentialsCallback(context, provider, body);
    if (provider.type === "email") {
      const outcome = await acceptSignInLink(context, provider, context.url.searchParams);
      return redirect(outcome.redirectTo, false, withCookies(outcome.cookies));
    }
    return await oauthCallback(context, provider, body);
  } catch (error) {
    if (error instanceof SesameError) throw error;
    throw new CallbackRouteError(`Signing in with "${providerId}" failed.`, { cause: error });
  }
}

async function credentialsCallback(context: RequestContext, provider: CredentialsProvider, body: Body): Promise<Response> {
  if (context.request.method !== "POST") {
    throw new MethodNotAllowed(["POST"], `Provider "${provider.id}" signs in with a POST of its form.`);
  }
  const returnJson = wantsJson(context.request, body);
  const callbackUrl = await resolveCallbackUrl(context, body.callbackUrl);
  try {
    const outcome = await signInWithCredentials(context, provider, body, callbackUrl);
    return redirect(outcome.redirectTo, returnJson, withCookies(outcome.cookies));
  } catch (error) {
    if (error instanceof RateLimited) {
      const url = signInPageUrl(context, { error: error.type, callbackUrl });
      const headers = new Headers({ "retry-after": String(error.retryAfter) });
      return returnJson ? json({ url, error: error.type, message: error.message }, { status: 429, headers }) : redirect(url, false, headers);
    }
    if (!(error instanceof CredentialsSignin)) throw error;
    // Back to the form with the reason; the same answer whether the user exists or the password is wrong.
    const url = signInPageUrl(context, { error: error.type, code: error.code, callbackUrl });
    return returnJson ? json({ url, error: error.type, code: error.code }, { status: 401 }) : redirect(url, false);
  }
}

/** Marks the GET that a form_post callback is turned into, so it is never bounced twice. */
const BOUNCED = "sesame_form_post";

async function oauthCallback(context: RequestContext, provider: OAuthProvider, body: Body): Promise<Response> {
  const url = new URL(context.request.url);
  let params = url.searchParams;
  let postedName: string | null;
  if (context.request.method === "POST") {
    params = new URLSearchParams(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
    params.delete(SEALED_NAME_PARAM);
    postedName = takePostedName(provider.postedName, provider.responseMode === "form_post", params);
    if (!context.cookies.has(context.jar.oauthChecks.name) && !params.has(BOUNCED)) {
      // A cross-site POST (form_post) does not carry SameSite=Lax cookies; a top-level GET does. Re-issue
      // the same parameters as a GET to this URL so that the check cookie comes along; the posted name
      // only sealed, so that a name in a query string is never taken for one the provider posted.
      params.set(BOUNCED, "1");
      const state = params.get("state");
      if (postedName && state) params.set(SEALED_NAME_PARAM, await sealPostedName(context, state, postedName));
      return new Response(null, { status: 303, headers: { location: `${url.origin}${url.pathname}?${params}`, "cache-control": "no-store" } });
    }
  } else {
    dropQueryName(provider.postedName, params);
    postedName = provider.postedName ? await openPostedName(context, params.get(SEALED_NAME_PARAM), params.get("state")) : null;
    params.delete(SEALED_NAME_PARAM);
  }
  params.delete(BOUNCED);
  const signIn = await finishSignIn(context, provider, params);
  const outcome = await completeSignIn(
    context,
    { ...signIn, allowEmailLinking: provider.allowDangerousEmailAccountLinking ?? false, newUserName: postedName },
    await resolveCallbackUrl(context, signIn.callbackUrl),
    endSessionClaims(provider, signIn.account),
  );
  return redirect(outcome.redirectTo, false, withCookies([...outcome.cookies, clearChecksCookie(context)]));
}
