/**
 * `GET|POST /callback/:provider`: where a provider hands the user back. Credentials post their form here;
 * OAuth providers redirect here with `?code&state` (or post it, with `response_mode=form_post`); an email
 * link opens it (GET), and an email one-time code is posted to it (`email`, `code`; CSRF-checked); a
 * passkey's answer is posted to it as `data` (CSRF-checked).
 */
import type { EmailProvider } from "../provider/email.js";
import type { OAuthProvider } from "../provider/oauth.js";
import type { PasskeyProvider } from "../provider/passkey.js";
import type { Provider } from "../provider/provider.js";
import type { RequestContext } from "../context.js";
import { CallbackRouteError, MethodNotAllowed, SesameError } from "../errors.js";
import { answersJson, redirect, withCookies, type Body } from "../http.js";
import { finishSignIn } from "../oauth/authorization-response.js";
import { clearChecksCookie } from "../oauth/checks.js";
import { endSessionClaims } from "../oauth/logout.js";
import { dropQueryName, openPostedName, SEALED_NAME_PARAM, sealPostedName, takePostedName } from "../oauth/posted-name.js";
import { resolveCallbackUrl } from "../callback-url.js";
import { completeSignIn } from "../signin/complete.js";
import { acceptSignInLink } from "../signin/email.js";
import { acceptSignInCode } from "../signin/email-code.js";
import { signInWithPasskey } from "../signin/passkey.js";
import { signInResponse } from "../signin/response.js";
import { refusedCode } from "./refused-code.js";

/**
 * A credentials form posts here and signs in as on `POST /signin/:provider`; an email link and an OAuth
 * provider bring the user back here to finish a sign-in that began elsewhere.
 */
export async function callback(context: RequestContext, body: Body, provider: Provider): Promise<Response> {
  if (provider.type === "credentials") {
    if (context.request.method !== "POST") {
      throw new MethodNotAllowed(["POST"], `Provider "${provider.id}" signs in with a POST of its form.`);
    }
    return signInResponse(context, provider, body);
  }
  try {
    if (provider.type === "email") {
      if (context.request.method === "POST") return await codeSignIn(context, provider, body);
      const outcome = await acceptSignInLink(context, provider, context.url.searchParams);
      return redirect(outcome.redirectTo, false, withCookies(outcome.cookies));
    }
    if (provider.type === "webauthn") return await passkeyCallback(context, provider, body);
    return await oauthCallback(context, provider, body);
  } catch (error) {
    if (error instanceof SesameError) throw error;
    throw new CallbackRouteError(`Signing in with "${provider.id}" failed.`, { cause: error });
  }
}

/** A typed code: signed in as by the link (`{ url }` for programs), or back to the code form. */
async function codeSignIn(context: RequestContext, provider: EmailProvider, body: Body): Promise<Response> {
  try {
    const outcome = await acceptSignInCode(context, provider, body);
    return redirect(outcome.redirectTo, answersJson(context, body), withCookies(outcome.cookies));
  } catch (error) {
    return refusedCode(context, body, error, { provider: provider.id, type: "email" });
  }
}

/** A passkey's answer: signed in (`{ url }` for programs, as every sign-in), or the error as every route answers it. */
async function passkeyCallback(context: RequestContext, provider: PasskeyProvider, body: Body): Promise<Response> {
  if (context.request.method !== "POST") throw new MethodNotAllowed(["POST"], `Provider "${provider.id}" signs in with a POST of the passkey's answer.`);
  const outcome = await signInWithPasskey(context, provider, body, await resolveCallbackUrl(context, body.callbackUrl));
  return redirect(outcome.redirectTo, answersJson(context, body), withCookies(outcome.cookies));
}

/** Marks the GET that a form_post callback is turned into, so it is never bounced twice. */
const BOUNCED = "sesame_form_post";

async function oauthCallback(context: RequestContext, provider: OAuthProvider, body: Body): Promise<Response> {
  const url = new URL(context.url); // a copy: the bounce below changes its parameters
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
