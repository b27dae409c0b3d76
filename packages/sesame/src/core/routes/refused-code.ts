/**
 * The answer to a one-time code the user may try again — wrong or expired (`Verification`), malformed
 * (`Verification`, `EmailSignin`), too many tries (`RateLimited`): back to the "check your email" page's
 * code form with the error, or JSON `{ error, message, url }` with the error's status for programs.
 */
import type { RequestContext } from "../context.js";
import { EmailSignin, RateLimited, Verification } from "../errors.js";
import { answersJson, json, redirect, type Body } from "../http.js";
import { verifyRequestPageUrl } from "../urls.js";

/** The longest typed address sent back to the form (see signin/email.ts): longer was refused anyway. */
const MAX_TYPED_EMAIL_LENGTH = 320;

/** The refusal of `error`, whose form is the page for `page`; any other error is rethrown, for the handling of every route. */
export function refusedCode(context: RequestContext, body: Body, error: unknown, page: { provider?: string; type: string }): Response {
  if (!(error instanceof Verification || error instanceof EmailSignin || error instanceof RateLimited)) throw error;
  const headers = new Headers(error.headers);
  const email = body.email && body.email.length <= MAX_TYPED_EMAIL_LENGTH ? body.email : undefined;
  const url = verifyRequestPageUrl(context, { ...page, email, error: error.publicCode });
  if (answersJson(context, body)) return json({ error: error.publicCode, message: error.message, url }, { status: error.status, headers });
  return redirect(url, false, headers);
}
