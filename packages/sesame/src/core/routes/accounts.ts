/**
 * The routes of email-and-password accounts (`Password()`). Pages: `GET /signup`, `GET /reset-password`,
 * `GET /verify-email` (what a mailed link opens; it changes nothing). Forms: `POST /signup/:provider`,
 * `POST /reset-password/request`, `POST /reset-password`, `POST /verify-email` (a link's token, or a typed code). For the signed-in user
 * (JSON): `POST /account/password`, `POST /account/email`, `POST /account/verify-email`. Every POST is
 * CSRF-checked where the request enters (core/auth.ts).
 */
import { changePassword } from "../accounts/change-password.js";
import { requestEmailChange } from "../accounts/change-email.js";
import type { ResolvedAccounts } from "../config/accounts.js";
import { confirmEmail } from "../accounts/confirm.js";
import { requestPasswordReset, resetPassword } from "../accounts/reset-password.js";
import { requestSignUp } from "../accounts/sign-up.js";
import { requestEmailVerification } from "../accounts/verify-email.js";
import { resolveCallbackUrl } from "../callback-url.js";
import type { RequestContext } from "../context.js";
import { csrfToken } from "../csrf.js";
import { EmailSignin, InvalidRequest, RateLimited, UnknownAction, Verification, WeakPassword } from "../errors.js";
import { answersJson, html, json, redirect, withCookies, type Body } from "../http.js";
import { confirmEmailPage, resetPasswordPage, resetRequestPage, signUpPage } from "../pages/accounts.js";
import type { Provider } from "../provider/provider.js";
import { refusedCode } from "./refused-code.js";

/** The "check your email" pages with a code form of the account flows (`type=`). */
const CODE_PAGE_TYPES: ReadonlySet<string> = new Set(["signup", "verify", "change"]);

function accountsOf(context: RequestContext): ResolvedAccounts {
  const { accounts } = context.config;
  if (!accounts) throw new UnknownAction("No Password() provider is configured, so there are no account routes.");
  return accounts;
}

/** The app's own page for `route` (`pages.signUp`, `pages.resetPassword`) with the request's query, when it has one. */
function appPage(context: RequestContext, custom: string | undefined): Response | undefined {
  if (!custom) return undefined;
  const url = new URL(custom, context.origin);
  url.search = context.url.search;
  return redirect(url.href, false);
}

/** A page with a fresh CSRF token (and its cookie when the browser has none yet). */
async function formPage(context: RequestContext, render: (csrf: string) => string): Promise<Response> {
  const csrf = await csrfToken(context);
  return html(render(csrf.token), { headers: withCookies(csrf.setCookie ? [csrf.setCookie] : []) });
}

/**
 * A refusal a person can fix from the form (a weak password, a mistyped address, too many attempts): back to
 * the form with the reason, or JSON with it. Anything else goes on to the error handling of every route.
 */
function refusedForm(context: RequestContext, body: Body, error: unknown, formUrl: URL): Response {
  if (!(error instanceof WeakPassword || error instanceof EmailSignin || error instanceof RateLimited || error instanceof InvalidRequest)) throw error;
  const headers = new Headers(error.headers);
  const reason = error instanceof WeakPassword ? error.reason : undefined;
  if (answersJson(context, body)) return json({ error: error.publicCode, message: error.message, ...(reason && { reason }) }, { status: error.status, headers });
  formUrl.searchParams.set("error", error.publicCode);
  if (reason) formUrl.searchParams.set("reason", reason);
  return redirect(formUrl.href, false, headers);
}

function routeUrl(context: RequestContext, route: string, params: Record<string, string | undefined> = {}): URL {
  const url = new URL(`${context.authBase}/${route}`);
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
  return url;
}

export async function getSignUp(context: RequestContext): Promise<Response> {
  const accounts = accountsOf(context);
  const custom = appPage(context, context.config.pages.signUp);
  if (custom) return custom;
  const params = context.url.searchParams;
  const callbackUrl = await resolveCallbackUrl(context, params.get("callbackUrl"));
  const minLength = accounts.provider.accounts.policy.minLength ?? 8;
  return formPage(context, (csrf) =>
    signUpPage({ authBase: context.authBase, csrfToken: csrf, theme: context.config.theme, error: params.get("error"), reason: params.get("reason"), providerId: accounts.provider.id, callbackUrl, minLength }),
  );
}

export async function postSignUp(context: RequestContext, body: Body, provider: Provider): Promise<Response> {
  const accounts = accountsOf(context);
  if (provider.id !== accounts.provider.id) throw new InvalidRequest(`"${provider.id}" is not the Password() provider; sign up at /signup/${accounts.provider.id}.`);
  try {
    return redirect(await requestSignUp(context, accounts, body), answersJson(context, body));
  } catch (error) {
    return refusedForm(context, body, error, routeUrl(context, "signup", { callbackUrl: body.callbackUrl }));
  }
}

export async function getResetPassword(context: RequestContext): Promise<Response> {
  const accounts = accountsOf(context);
  const custom = appPage(context, context.config.pages.resetPassword);
  if (custom) return custom;
  const params = context.url.searchParams;
  const [email, token] = [params.get("email"), params.get("token")];
  const shared = { authBase: context.authBase, theme: context.config.theme, error: params.get("error"), reason: params.get("reason") };
  if (email && token) {
    const minLength = accounts.provider.accounts.policy.minLength ?? 8;
    return formPage(context, (csrf) => resetPasswordPage({ ...shared, csrfToken: csrf, email, token, minLength }));
  }
  const callbackUrl = await resolveCallbackUrl(context, params.get("callbackUrl"));
  return formPage(context, (csrf) => resetRequestPage({ ...shared, csrfToken: csrf, callbackUrl }));
}

export async function postResetRequest(context: RequestContext, body: Body): Promise<Response> {
  const accounts = accountsOf(context);
  try {
    return redirect(await requestPasswordReset(context, accounts, body), answersJson(context, body));
  } catch (error) {
    return refusedForm(context, body, error, routeUrl(context, "reset-password", { callbackUrl: body.callbackUrl }));
  }
}

export async function postResetPassword(context: RequestContext, body: Body): Promise<Response> {
  const accounts = accountsOf(context);
  try {
    return redirect(await resetPassword(context, accounts, body), answersJson(context, body));
  } catch (error) {
    return refusedForm(context, body, error, routeUrl(context, "reset-password", { email: body.email, token: body.token }));
  }
}

/** `GET /verify-email`: the page a mailed link opens, whose button posts the token back. */
export async function getVerifyEmail(context: RequestContext): Promise<Response> {
  accountsOf(context);
  const params = context.url.searchParams;
  const [purpose, email, token] = [params.get("purpose"), params.get("email"), params.get("token")];
  if (!purpose || !email || !token) throw new Verification("The link is incomplete.");
  return formPage(context, (csrf) => confirmEmailPage({ authBase: context.authBase, csrfToken: csrf, theme: context.config.theme, error: params.get("error"), purpose, email, token }));
}

export async function postVerifyEmail(context: RequestContext, body: Body): Promise<Response> {
  const accounts = accountsOf(context);
  try {
    const { redirectTo, cookies } = await confirmEmail(context, accounts, body);
    return redirect(redirectTo, answersJson(context, body), withCookies(cookies));
  } catch (error) {
    // A mistyped code goes back to the form it was typed in; a used link goes to the error page, as before.
    if (body.code === undefined) throw error;
    return refusedCode(context, body, error, { type: body.purpose && CODE_PAGE_TYPES.has(body.purpose) ? body.purpose : "verify" });
  }
}

export async function postChangePassword(context: RequestContext, body: Body): Promise<Response> {
  try {
    const cookies = await changePassword(context, accountsOf(context), body);
    return json({ ok: true }, { headers: withCookies(cookies) });
  } catch (error) {
    // The rule a new password breaks, as sign-up and reset give it; every other error as every route does.
    if (error instanceof WeakPassword) return json({ error: error.publicCode, message: error.message, reason: error.reason }, { status: error.status });
    throw error;
  }
}

export async function postChangeEmail(context: RequestContext, body: Body): Promise<Response> {
  return json({ url: await requestEmailChange(context, accountsOf(context), body) });
}

export async function postResendVerification(context: RequestContext, body: Body): Promise<Response> {
  return json({ url: await requestEmailVerification(context, accountsOf(context), body) });
}
