/**
 * The URLs of the account flows: the links mailed (built on the vetted link origin, never on a request
 * header alone: see link-origin.ts) and the "check your email" page a request answers with.
 */
import type { RequestContext } from "../context.js";
import { verifyRequestPageUrl } from "../urls.js";
import type { AccountPurpose } from "./tokens.js";

/** `<origin><basePath>/<route>?<params>`: a link for an email. */
export function mailedLink(context: RequestContext, origin: string, route: "verify-email" | "reset-password", params: Record<string, string>): string {
  const url = new URL(`${origin}${context.config.basePath}/${route}`);
  url.search = new URLSearchParams(params).toString();
  return url.href;
}

/**
 * The "check your email" page, saying what was sent: the same for an address with or without an account.
 * `email` when a code was mailed to it, for the page's form that asks for the code.
 */
export function checkEmailPage(context: RequestContext, purpose: AccountPurpose, email?: string): string {
  return verifyRequestPageUrl(context, { type: purpose, email });
}
