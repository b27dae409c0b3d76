/**
 * The account emails, and how they leave: through the email provider's transport, in the background.
 *
 * In the background because the answer to "sign up", "reset my password" or "change my email" must not
 * depend on whether the address has an account: the request does the same work either way and answers
 * before the message (or its absence) has taken any time. A message that fails is logged; the user can
 * ask again.
 */
import type { RequestContext } from "../context.js";
import { InvalidRequest, UntrustedHost } from "../errors.js";
import { linkOrigin } from "../link-origin.js";
import { escapeHtml } from "../pages/layout.js";
import type { MailMessage } from "../provider/email.js";
import type { ResolvedAccounts } from "../config/accounts.js";

/** The messages, by what they say. Each has a subject and one paragraph; a link where there is one. */
const TEXTS = {
  "verify-signup": { subject: "Confirm your email for {host}", body: "Confirm this address to finish creating your account on {host}.", action: "Confirm my email" },
  "account-exists": {
    subject: "Your account on {host}",
    body: "Someone (perhaps you) tried to create an account on {host} with this address, which already has one. Sign in, or reset your password if you have forgotten it.",
    action: "Reset my password",
  },
  "verify-email": { subject: "Confirm your email for {host}", body: "Confirm that this address is yours on {host}.", action: "Confirm my email" },
  reset: { subject: "Reset your password on {host}", body: "Choose a new password for your account on {host}. The link works once.", action: "Choose a new password" },
  "password-changed": {
    subject: "Your password on {host} was changed",
    body: "The password of your account on {host} was just changed, and your other sessions were signed out. If this was not you, reset your password now.",
    action: undefined,
  },
  "confirm-new-email": { subject: "Confirm your new email for {host}", body: "Confirm this address to make it the email of your account on {host}.", action: "Confirm my new email" },
  "email-in-use": {
    subject: "Your account on {host}",
    body: "Someone asked to move another account on {host} to this address, which already belongs to your account. Nothing was changed.",
    action: undefined,
  },
  "email-changed": {
    subject: "Your email on {host} was changed",
    body: "The email of your account on {host} was changed to {newEmail}. If this was not you, contact the site now.",
    action: undefined,
  },
} as const;

export type AccountMailKind = keyof typeof TEXTS;

/**
 * A message of `kind` to `to`: with `url` for the kinds that have a link, or instead with `code`, the
 * one-time code that proves the address (`Password({ verifyWith: "code" })`) and the minutes it lasts.
 */
export function accountMail(
  kind: AccountMailKind,
  { to, host, url, code, newEmail = "" }: { to: string; host: string; url?: string; code?: { value: string; minutes: number }; newEmail?: string },
): MailMessage {
  const { subject, body, action } = TEXTS[kind];
  const fill = (text: string) => text.replaceAll("{host}", host).replaceAll("{newEmail}", newEmail);
  const ignore = "If you did not ask for this email, you can ignore it.";
  const link = action && url;
  const expiry = code && `It expires in ${code.minutes} minute${code.minutes === 1 ? "" : "s"}, and works once.`;
  return {
    to,
    subject: fill(subject),
    text: `${fill(body)}\n\n${link ? `${url}\n\n` : ""}${code ? `Your code: ${code.value}\n${expiry}\n\n` : ""}${ignore}\n`,
    html:
      `<p>${escapeHtml(fill(body))}</p>${link ? `<p><a href="${escapeHtml(url)}">${escapeHtml(action)}</a></p>` : ""}` +
      `${code ? `<p>Your code: <strong style="font-size:1.5em;letter-spacing:.15em">${escapeHtml(code.value)}</strong></p><p>${escapeHtml(expiry)}</p>` : ""}` +
      `<p>${escapeHtml(ignore)}</p>`,
  };
}

/** Hands `message` to the transport without waiting for it; a failure is logged. */
export function deliver(context: RequestContext, accounts: ResolvedAccounts, message: MailMessage): void {
  const { logger } = context.config;
  void Promise.resolve()
    .then(() => accounts.mailer.sendMail(message))
    .catch((cause: unknown) => logger.error(new Error(`An account email ("${message.subject}") could not be sent.`, { cause })));
}

/**
 * The host a notice without a link names ("your password on <host> was changed"): the one mailed links are
 * built on (AUTH_URL, or an allowed host), never a forged `X-Forwarded-Host`, which would have the owner
 * look for help at the attacker's site. Without a trusted one the notice says "this site": it is sent all
 * the same, since it tells the owner of a change already made.
 */
export function noticeHost(context: RequestContext): string {
  try {
    return new URL(linkOrigin(context)).host;
  } catch (error) {
    if (error instanceof UntrustedHost || error instanceof InvalidRequest) return "this site";
    throw error;
  }
}
