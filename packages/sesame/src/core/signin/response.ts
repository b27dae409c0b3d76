/**
 * The HTTP answer to a sign-in a browser or client POSTs (`/signin/:provider`, or a credentials form on
 * `/callback/:provider`): a redirect to where the dispatch sends the user (or `{ url }` for clients that
 * navigate themselves), with its cookies. A credentials form that was refused goes back to the sign-in page
 * with the reason, the same whether the user exists or the password is wrong.
 */
import type { RequestContext } from "../context.js";
import { CallbackRouteError, CredentialsSignin, RateLimited, SesameError } from "../errors.js";
import { isAuthJsClient, json, redirect, wantsJson, withCookies, type Body } from "../http.js";
import type { Provider } from "../provider/provider.js";
import { callbackUrlCookie, resolveCallbackUrl } from "../callback-url.js";
import { signInPageUrl } from "../urls.js";
import { signInWith } from "./dispatch.js";
import { parseMaxAge } from "../step-up-marker.js";

export async function signInResponse(context: RequestContext, provider: Provider, body: Body): Promise<Response> {
  const returnJson = wantsJson(context.request, body);
  const callbackUrl = await resolveCallbackUrl(context, body.callbackUrl);
  try {
    const { redirectTo, cookies } = await signInWith(context, provider, body, callbackUrl);
    return redirect(redirectTo, returnJson, withCookies(cookies));
  } catch (error) {
    if (provider.type === "credentials" && (error instanceof CredentialsSignin || error instanceof RateLimited)) {
      return backToTheForm(context, provider, error, { callbackUrl, maxAge: parseMaxAge(body.maxAge)?.toString() }, returnJson);
    }
    if (error instanceof SesameError) throw error;
    throw new CallbackRouteError(`Signing in with "${provider.id}" failed.`, { cause: error });
  }
}

/**
 * The sign-in page again, with the error's code (and a credentials error's own `code`), status and headers,
 * the way each NextAuth generation sends it, so apps reading `?error=CredentialsSignin` keep working:
 * Auth.js v5 straight to the sign-in page (and `200` with its URL to its client, whose `signIn()` reads the
 * error from it); next-auth 4 through `/error?error=CredentialsSignin&provider=<id>`, which the error route
 * sends on to the sign-in page.
 */
function backToTheForm(
  context: RequestContext,
  provider: Provider,
  error: CredentialsSignin | RateLimited,
  /** `maxAge`: a re-authentication stays one on the page shown again. */
  { callbackUrl, maxAge }: { callbackUrl: string; maxAge: string | undefined },
  returnJson: boolean,
): Response {
  const refused = error instanceof CredentialsSignin;
  const code = refused ? error.code : undefined;
  const detail = code === undefined ? { message: error.message } : { code };
  const headers = new Headers(error.headers);
  const authJsClient = isAuthJsClient(context.head);
  const throughErrorRoute = refused && context.wire === "v4" && !authJsClient;
  // The error route and `GET /signin` have no callbackUrl of their own: the cookie carries the destination to
  // the sign-in page, so a second, successful attempt still lands where the user was going (as in next-auth 4).
  if (throughErrorRoute) headers.append("set-cookie", callbackUrlCookie(context, callbackUrl));
  const url = throughErrorRoute ? errorRouteUrl(context, error.publicCode, provider.id) : signInPageUrl(context, { error: error.publicCode, code, callbackUrl, maxAge });
  if (!returnJson) return redirect(url, false, headers);
  const status = refused && authJsClient ? 200 : error.status;
  return json({ url, error: error.publicCode, ...detail }, { status, headers });
}

/** next-auth 4's `/error` URL for a refused credentials form: `<base>/error?error=CredentialsSignin&provider=<id>`. */
function errorRouteUrl(context: RequestContext, code: string, providerId: string): string {
  return `${context.authBase}/error?${new URLSearchParams({ error: code, provider: providerId })}`;
}
