/**
 * `GET /verify-request`: "check your email", or a redirect to the app's own page (with the query). When
 * the email carries a one-time code, the page holds the form to type it: posting to `/callback/<id>` for a
 * sign-in code, to `/verify-email` for a code that proves an address.
 */
import type { RequestContext } from "../context.js";
import { csrfToken } from "../csrf.js";
import { html, redirect, withCookies } from "../http.js";
import { verifyRequestPage, type CodeForm } from "../pages/verify-request.js";

/** The account flows whose address is proved by a code, with `Password({ verifyWith: "code" })`. */
const VERIFIED_BY_CODE: ReadonlySet<string> = new Set(["signup", "verify", "change"]);

/** Where the page's code form posts, and its button; none when the email carries no code. */
function codeTarget(context: RequestContext, type: string | null, providerId: string | null): Pick<CodeForm, "action" | "submit" | "fields"> | undefined {
  const { emailCodes, accounts } = context.config;
  if ((type ?? "email") === "email") {
    if (!providerId || !emailCodes.has(providerId)) return undefined;
    return { action: `${context.authBase}/callback/${encodeURIComponent(providerId)}`, submit: "Sign in" };
  }
  if (!type || !VERIFIED_BY_CODE.has(type) || !accounts?.verifyCode) return undefined;
  return { action: `${context.authBase}/verify-email`, submit: "Confirm", fields: { purpose: type } };
}

export async function getVerifyRequest(context: RequestContext): Promise<Response> {
  const custom = context.config.pages.verifyRequest;
  if (custom) {
    const url = new URL(custom, context.origin);
    url.search = context.url.search;
    return redirect(url.href, false);
  }
  const params = context.url.searchParams;
  const type = params.get("type");
  const shared = { host: new URL(context.origin).host, theme: context.config.theme, type };
  const target = codeTarget(context, type, params.get("provider"));
  if (!target) return html(verifyRequestPage(shared));
  const csrf = await csrfToken(context);
  const code: CodeForm = { ...target, csrfToken: csrf.token, email: params.get("email"), error: params.get("error") };
  return html(verifyRequestPage({ ...shared, code }), { headers: withCookies(csrf.setCookie ? [csrf.setCookie] : []) });
}
