/**
 * `GET /error?error=Code`: the error page, or a redirect to the app's own. For next-auth 4's clients, the
 * errors its sign-in page shows in line go to the sign-in page instead, as next-auth 4 sends them: a refused
 * credentials form comes here first (`signin/response.ts`).
 */
import type { RequestContext } from "../context.js";
import { html, redirect } from "../http.js";
import { errorPage, errorPageStatus } from "../pages/error.js";
import { errorPageUrl, signInPageUrl } from "../urls.js";

/** The codes next-auth 4's error route sends on to the sign-in page. */
const SIGN_IN_PAGE_ERRORS: ReadonlySet<string> = new Set([
  "Signin",
  "OAuthSignin",
  "OAuthCallback",
  "OAuthCreateAccount",
  "EmailCreateAccount",
  "Callback",
  "OAuthAccountNotLinked",
  "EmailSignin",
  "CredentialsSignin",
  "SessionRequired",
]);

export function getError(context: RequestContext): Response {
  const code = context.url.searchParams.get("error");
  if (context.wire === "v4" && code !== null && SIGN_IN_PAGE_ERRORS.has(code)) {
    // Through the sign-in route, which sends the browser on to the app's own page (`pages.signIn`) if it has one.
    return redirect(`${context.authBase}/signin?${new URLSearchParams({ error: code })}`, false);
  }
  if (context.config.pages.error) return redirect(errorPageUrl(context, code ?? "Default"), false);
  const page = errorPage({ code, signInUrl: signInPageUrl(context), theme: context.config.theme });
  return html(page, { status: errorPageStatus(code) });
}
