/**
 * The routes of second factors (`twoFactor`). The page and form of a sign-in waiting for its second factor:
 * `GET /second-factor`, `POST /second-factor` (a code, or a passkey's answer to the options of
 * `POST /second-factor/passkey-options`). For the signed-in user (JSON): `GET /account/security`,
 * `POST /two-factor/enrol` (start enrolling an authenticator app), `/two-factor/confirm`,
 * `/two-factor/backup-codes`, `/two-factor/disable`, and `POST /account/forget-device`. Every POST is CSRF-checked where the request enters (core/auth.ts).
 */
import { confirmTotpEnrolment, disableTwoFactor, forgetDevice, regenerateBackupCodes, securityOverview, startTotpEnrolment } from "../accounts/two-factor.js";
import type { ResolvedTwoFactor } from "../config/two-factor.js";
import type { RequestContext } from "../context.js";
import { csrfToken } from "../csrf.js";
import { RateLimited, SecondFactorFailed, UnknownAction } from "../errors.js";
import { answersJson, html, json, redirect, withCookies, type Body } from "../http.js";
import { secondFactorPage } from "../pages/second-factor.js";
import { clearPendingCookie } from "../mfa/pending.js";
import { randomString } from "../random.js";
import { signInPageUrl } from "../urls.js";
import { completeSecondFactor, secondFactorPageUrl, secondFactorPasskeyOptions } from "../signin/second-factor.js";

function twoFactorOf(context: RequestContext): ResolvedTwoFactor {
  const { twoFactor } = context.config;
  if (!twoFactor) throw new UnknownAction("`twoFactor` is not configured, so there are no second-factor routes.");
  return twoFactor;
}

export async function getSecondFactor(context: RequestContext): Promise<Response> {
  const twoFactor = twoFactorOf(context);
  if (context.config.pages.secondFactor) {
    const url = new URL(context.config.pages.secondFactor, context.origin);
    url.search = context.url.search;
    return redirect(url.href, false);
  }
  const csrf = await csrfToken(context);
  // A fresh nonce per page for its one script (a passkey as the second factor), when it has one.
  const scriptNonce = context.config.passkeys ? randomString(22) : undefined;
  const body = secondFactorPage({
    authBase: context.authBase,
    csrfToken: csrf.token,
    theme: context.config.theme,
    error: context.url.searchParams.get("error"),
    canRemember: twoFactor.rememberSeconds !== undefined,
    rememberDays: twoFactor.rememberSeconds && twoFactor.rememberSeconds / 86_400,
    scriptNonce,
    pageUrl: secondFactorPageUrl(context),
  });
  return html(body, { headers: withCookies(csrf.setCookie ? [csrf.setCookie] : []), scriptNonce });
}

export async function postSecondFactor(context: RequestContext, body: Body): Promise<Response> {
  const returnJson = answersJson(context, body);
  try {
    const { redirectTo, cookies } = await completeSecondFactor(context, twoFactorOf(context), body);
    return redirect(redirectTo, returnJson, withCookies(cookies));
  } catch (error) {
    if (!(error instanceof SecondFactorFailed || error instanceof RateLimited)) throw error;
    // A sign-in that is over takes its cookie with it, and the user back to the sign-in page.
    const ended = error instanceof SecondFactorFailed && error.ended;
    const headers = withCookies(ended ? [clearPendingCookie(context)] : []);
    for (const [name, value] of Object.entries(error.headers)) headers.set(name, value);
    if (returnJson) return json({ error: error.publicCode, message: error.message }, { status: error.status, headers });
    const back = new URL(ended ? signInPageUrl(context) : secondFactorPageUrl(context));
    back.searchParams.set("error", error.publicCode);
    return redirect(back.href, false, headers);
  }
}

export async function postSecondFactorPasskeyOptions(context: RequestContext): Promise<Response> {
  return json({ options: await secondFactorPasskeyOptions(context, twoFactorOf(context)) });
}

export async function getSecurity(context: RequestContext): Promise<Response> {
  const { overview, cookies } = await securityOverview(context, twoFactorOf(context));
  return json(overview, { headers: withCookies(cookies) });
}

export async function postStartTotp(context: RequestContext, body: Body): Promise<Response> {
  return json(await startTotpEnrolment(context, twoFactorOf(context), body));
}

export async function postConfirmTotp(context: RequestContext, body: Body): Promise<Response> {
  return json(await confirmTotpEnrolment(context, twoFactorOf(context), body));
}

export async function postBackupCodes(context: RequestContext, body: Body): Promise<Response> {
  return json(await regenerateBackupCodes(context, twoFactorOf(context), body));
}

export async function postDisableTwoFactor(context: RequestContext, body: Body): Promise<Response> {
  await disableTwoFactor(context, twoFactorOf(context), body);
  return json({ ok: true });
}

export async function postForgetDevice(context: RequestContext, body: Body): Promise<Response> {
  await forgetDevice(context, twoFactorOf(context), body);
  return json({ ok: true });
}
