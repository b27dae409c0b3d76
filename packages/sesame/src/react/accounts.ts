/**
 * The browser side of email-and-password accounts (`Password()`): sign-up, email confirmation, password reset,
 * and the signed-in user's password and email changes. Each helper posts JSON (with the CSRF token) to the
 * auth API and resolves to an `AccountResult`: a refusal the user can fix (a weak password, a wrong current
 * password, a used link) is `ok: false` with the server's `error` code, never an exception. Only a network
 * failure rejects.
 */
import { apiUrl, broadcast, getSession } from "./client.js";

/**
 * What every account helper resolves to. `url` is where the server would send the user next (the "check your
 * email" page, the sign-in page, `callbackUrl` after a confirmed sign-up), or `null`. On a refusal, `error` is
 * the server's code (`WeakPassword`, `EmailSignin`, `RateLimited`, `Verification`, `CredentialsSignin`,
 * `SessionRequired`, …), `reason` says why a password was refused (`too-short`, `too-long`,
 * `not-well-formed`, `breached`) and `message` is the server's explanation, for developers.
 *
 * @example
 * ```ts
 * const result: AccountResult = await signUp("credentials", { email, password });
 * if (!result.ok && result.error === "WeakPassword") setHint(result.reason);
 * ```
 */
export interface AccountResult {
  /** The server did what was asked. */
  ok: boolean;
  /** The HTTP status of the answer (of `GET /csrf` when the CSRF token could not be had). */
  status: number;
  /** Where to go next, when the server says; `null` on a refusal. */
  url: string | null;
  error?: string;
  reason?: string;
  message?: string;
}

type Answer = Record<string, unknown> & { url?: unknown; error?: unknown; reason?: unknown; message?: unknown; csrfToken?: unknown };

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** The parsed JSON of `response`, or `null` when it has none (a proxy's HTML error page, an empty body). */
async function answerOf(response: Response): Promise<Answer | null> {
  try {
    const data: unknown = await response.json();
    return data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Answer) : null;
  } catch {
    return null;
  }
}

/** A refusal as an `AccountResult`; an answer that is not the API's JSON still says its status. */
function refusal(path: string, response: Response, data: Answer | null): AccountResult {
  const error = text(data?.error);
  const reason = text(data?.reason);
  const message = text(data?.message) ?? (error ? undefined : `${path} answered ${response.status} without a JSON result.`);
  return { ok: false, status: response.status, url: null, ...(error && { error }), ...(reason && { reason }), ...(message && { message }) };
}

/**
 * Calls the auth API at `path` — a POST of `fields` as JSON with the CSRF token (fetched first, with its
 * cookie), or a GET without `fields` — and reads the answer: the result, and the answer's JSON when it
 * succeeded. @internal (for passkeys.ts)
 */
export async function callApi(path: string, fields?: Record<string, unknown>): Promise<{ result: AccountResult; answer: Record<string, unknown> | null }> {
  let init: RequestInit = { credentials: "same-origin" };
  if (fields) {
    const csrfResponse = await fetch(apiUrl("/csrf"), { credentials: "same-origin" });
    const csrf = await answerOf(csrfResponse);
    const csrfToken = text(csrf?.csrfToken);
    if (!csrfResponse.ok || !csrfToken) return { result: refusal("/csrf", csrfResponse, csrf), answer: null };
    // `undefined` fields are left out by JSON.stringify.
    init = { ...init, method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...fields, csrfToken }) };
  }
  const response = await fetch(apiUrl(path), init);
  const data = await answerOf(response);
  if (!response.ok || !data || data.error !== undefined) return { result: refusal(path, response, data), answer: null };
  return { result: { ok: true, status: response.status, url: text(data.url) ?? null }, answer: data };
}

/** Posts `fields` as JSON with the CSRF token and reads the answer. */
async function post(path: string, fields: Record<string, string | undefined>): Promise<AccountResult> {
  return (await callApi(path, fields)).result;
}

/**
 * Signs up with email and password (`POST /signup/:providerId`, the `Password()` provider's id). Nothing is
 * created yet: the address is mailed a link (or a code), and the account exists once `confirmEmail` is called with it. The
 * answer is the same whether or not the address already has an account. `url` is the "check your email" page;
 * `callbackUrl` is where the confirmed user lands (default: the server's, the app's home page).
 *
 * @example
 * ```ts
 * import { signUp } from "sesame-auth/react";
 * const result = await signUp("credentials", { email, password, name });
 * if (result.ok) router.push(result.url!);
 * else if (result.error === "WeakPassword") setError(`Choose another password (${result.reason}).`);
 * ```
 */
export function signUp(providerId: string, fields: { email: string; password: string; name?: string; callbackUrl?: string }): Promise<AccountResult> {
  const { email, password, name, callbackUrl } = fields;
  return post(`/signup/${encodeURIComponent(providerId)}`, { email, password, name, callbackUrl });
}

/**
 * Mails a password reset link to `email` (`POST /reset-password/request`), if it has an account: the answer
 * is the same either way. `url` is the "check your email" page.
 *
 * @example
 * ```ts
 * import { requestPasswordReset } from "sesame-auth/react";
 * const result = await requestPasswordReset(email, { callbackUrl: "/dashboard" });
 * if (result.ok) setNotice("Check your email for a reset link.");
 * ```
 */
export function requestPasswordReset(email: string, options: { callbackUrl?: string } = {}): Promise<AccountResult> {
  return post("/reset-password/request", { email, callbackUrl: options.callbackUrl });
}

/**
 * Sets a new password with the `email` and `token` of a mailed reset link (`POST /reset-password`); the user's
 * sessions end. `url` is the sign-in page. A used or expired link is `error: "Verification"`.
 *
 * @example
 * ```ts
 * import { resetPassword } from "sesame-auth/react";
 * const params = new URLSearchParams(window.location.search);
 * const result = await resetPassword({ email: params.get("email")!, token: params.get("token")!, password });
 * if (result.ok) window.location.href = result.url!;
 * ```
 */
export function resetPassword(fields: { email: string; token: string; password: string }): Promise<AccountResult> {
  const { email, token, password } = fields;
  return post("/reset-password", { email, token, password });
}

/**
 * Confirms an address (`POST /verify-email`) with the `purpose`, `email` and `token` of a mailed link, or,
 * with `Password({ verifyWith: "code" })`, with the `email` and the `code` the user typed: a sign-up (the
 * account is created and the user signed in: the tab's session store is refreshed and the other tabs told,
 * as `signIn` does), a verification, or an email change. `url` is where to go next. A used, expired or
 * wrong token or code is `error: "Verification"`.
 *
 * @example
 * ```ts
 * import { confirmEmail } from "sesame-auth/react";
 * const params = new URLSearchParams(window.location.search);
 * const purpose = params.get("purpose") as "signup" | "verify" | "change";
 * const result = await confirmEmail({ purpose, email: params.get("email")!, token: params.get("token")! });
 * if (result.ok) window.location.href = result.url!;
 * // With codes:
 * const typed = await confirmEmail({ email, code: "123456" });
 * ```
 */
export async function confirmEmail(
  fields: { purpose: "signup" | "verify" | "change"; email: string; token: string } | { email: string; code: string; purpose?: "signup" | "verify" | "change" },
): Promise<AccountResult> {
  const result = await post("/verify-email", "code" in fields ? { email: fields.email, code: fields.code, purpose: fields.purpose } : { purpose: fields.purpose, email: fields.email, token: fields.token });
  if (result.ok) {
    // A sign-up signed the user in; a change replaced the address the session shows. (Every tab refetches either way.)
    broadcast(fields.purpose === "verify" || fields.purpose === "change" ? "update" : "signin");
    await getSession().catch(() => null);
  }
  return result;
}

/**
 * Changes the signed-in user's password (`POST /account/password`); their other sessions end, this one stays.
 * A wrong `currentPassword` is `error: "CredentialsSignin"`; signed out, `error: "SessionRequired"`.
 *
 * @example
 * ```ts
 * import { changePassword } from "sesame-auth/react";
 * const result = await changePassword({ currentPassword, newPassword });
 * if (!result.ok) setError(result.error === "CredentialsSignin" ? "Your current password is wrong." : result.message);
 * ```
 */
export function changePassword(fields: { currentPassword: string; newPassword: string }): Promise<AccountResult> {
  const { currentPassword, newPassword } = fields;
  return post("/account/password", { currentPassword, newPassword });
}

/**
 * Asks to change the signed-in user's address to `email` (`POST /account/email`), with their password: the
 * new address is mailed a link, and changes once `confirmEmail({ purpose: "change", … })` is called with it.
 *
 * @example
 * ```ts
 * import { changeEmail } from "sesame-auth/react";
 * const result = await changeEmail({ email: newEmail, password });
 * if (result.ok) setNotice(`Check ${newEmail} for a confirmation link.`);
 * ```
 */
export function changeEmail(fields: { email: string; password: string; callbackUrl?: string }): Promise<AccountResult> {
  const { email, password, callbackUrl } = fields;
  return post("/account/email", { email, password, callbackUrl });
}

/**
 * Mails the signed-in user a link that verifies their address (`POST /account/verify-email`), for an
 * account whose address is not verified yet.
 *
 * @example
 * ```ts
 * import { requestEmailVerification } from "sesame-auth/react";
 * const result = await requestEmailVerification({ callbackUrl: "/settings" });
 * if (result.ok) setNotice("Check your email.");
 * ```
 */
export function requestEmailVerification(options: { callbackUrl?: string } = {}): Promise<AccountResult> {
  return post("/account/verify-email", { callbackUrl: options.callbackUrl });
}
