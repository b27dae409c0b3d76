/** `GET /signout` asks for confirmation; `POST /signout` ends the session and redirects. */
import type { RequestContext } from "../context.js";
import { assertCsrf, csrfToken } from "../csrf.js";
import { emit } from "../events.js";
import { html, redirect, wantsJson, withCookies, type Body } from "../http.js";
import { providerLogoutUrl } from "../oauth/logout.js";
import { signOutPage } from "../pages/signout.js";
import { resolveCallbackUrl } from "../redirect.js";
import { endDatabaseSession } from "../session/database-session.js";
import { clearSessionCookies, sessionTokenOf } from "../session/jwt-session.js";
import type { JWT } from "../types.js";

export async function getSignOut(context: RequestContext): Promise<Response> {
  const callbackUrl = await resolveCallbackUrl(context, new URL(context.request.url).searchParams.get("callbackUrl"));
  const csrf = await csrfToken(context);
  const page = signOutPage({ authBase: context.authBase, csrfToken: csrf.token, callbackUrl, theme: context.config.theme });
  return html(page, { headers: withCookies(csrf.setCookie ? [csrf.setCookie] : []) });
}

export async function postSignOut(context: RequestContext, body: Body): Promise<Response> {
  await assertCsrf(context, body.csrfToken);
  const callbackUrl = await resolveCallbackUrl(context, body.callbackUrl);
  let token: JWT | null;
  let cookies: string[];
  if (context.config.session.strategy === "database") {
    const ended = await endDatabaseSession(context);
    token = ended.session?.data ?? null;
    cookies = ended.cookies;
    await emit(context, "signOut", { token, session: ended.session });
  } else {
    const source = sessionTokenOf(context);
    token = source ? await context.config.sessionCodec.decode(source.token) : null;
    cookies = clearSessionCookies(context);
    // With revocation on, the signed-out token is dead everywhere, even if someone kept a copy.
    if (token?.jti && token.exp && context.config.revocation) await context.config.revocation.revoke(token.jti, token.exp);
    await emit(context, "signOut", { token });
  }
  const destination = (token && (await providerLogoutUrl(context, token, callbackUrl))) ?? callbackUrl;
  return redirect(destination, wantsJson(context.request, body), withCookies(cookies));
}
