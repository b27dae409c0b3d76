/** `GET /verify-request`: "check your email", or a redirect to the app's own page. */
import type { RequestContext } from "../context.js";
import { html, redirect } from "../http.js";
import { verifyRequestPage } from "../pages/verify-request.js";

export function getVerifyRequest(context: RequestContext): Response {
  const custom = context.config.pages.verifyRequest;
  if (custom) return redirect(new URL(custom, context.origin).href, false);
  return html(verifyRequestPage({ host: new URL(context.origin).host, theme: context.config.theme, type: context.url.searchParams.get("type") }));
}
