/**
 * Sign-in by email ("magic links"): the user enters an address, receives a single-use link, and is signed
 * in by following it. The link's token is stored hashed (an adapter is required), expires (24 hours by
 * default) and is consumed on first use. With `code`, the message also carries a 6-digit one-time code the
 * user can type instead. Mail goes out through `sendVerificationRequest`, by default over SMTP with
 * nodemailer.
 *
 * @example
 * ```ts
 * import Email from "sesame-auth/providers/email";
 * Email({ server: process.env.EMAIL_SERVER, from: "Sesame <no-reply@example.com>" })
 * ```
 */
import { createTransport } from "nodemailer";
import type { EmailProvider, MailMessage, VerificationRequest } from "./types.js";

export type { EmailProvider, VerificationRequest } from "./types.js";
export type { EmailCodeOptions } from "../core/codes/options.js";

/**
 * Options of `Email`: the SMTP `server` and `from` address (env `EMAIL_SERVER` / `EMAIL_FROM`), or your own
 * `sendVerificationRequest`; `maxAge` of a link defaults to 24 hours. `code: true` adds a one-time code
 * to the message (10 minutes, 5 wrong tries; or `{ maxAge, maxAttempts }`); off by default.
 *
 * @example
 * ```ts
 * Email({ maxAge: 15 * 60, sendVerificationRequest: ({ identifier, url }) => mailer.send(identifier, url) })
 * Email({ code: true, sendVerificationRequest: ({ identifier, url, code }) => mailer.send(identifier, url, code?.value) })
 * ```
 */
export interface EmailOptions extends Partial<Omit<EmailProvider, "type">> {
  /** SMTP server: a URL (`smtp://user:pass@host:587`) or nodemailer options. Env: `EMAIL_SERVER`. */
  server?: string | Parameters<typeof createTransport>[0];
  /** Sender address. Env: `EMAIL_FROM`. */
  from?: string;
}

/**
 * The email ("magic link") provider (id `"email"`); requires an `adapter` to store the links' tokens.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Email from "sesame-auth/providers/email";
 * export const { handlers, auth } = Sesame({ adapter, providers: [Email({ from: "Acme <no-reply@acme.com>" })] });
 * ```
 */
export default function Email({ server, from, ...options }: EmailOptions = {}): EmailProvider {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  const transportOptions = server ?? env.EMAIL_SERVER;
  const sender = from ?? env.EMAIL_FROM ?? "Sesame <no-reply@localhost>";
  return {
    id: "email",
    name: "Email",
    type: "email",
    maxAge: 24 * 60 * 60,
    sendVerificationRequest: (request) => sendWithNodemailer(transportOptions, sender, signInLinkMessage(request)),
    sendMail: (message) => sendWithNodemailer(transportOptions, sender, message),
    ...options,
  };
}

export { Email };

async function sendWithNodemailer(server: EmailOptions["server"], from: string, { to, subject, text, html }: MailMessage): Promise<void> {
  if (!server) throw new Error("No SMTP server: set EMAIL_SERVER or pass `server` to Email().");
  const transport = createTransport(server);
  const result = await transport.sendMail({ to, from, subject, text, html });
  const failed = [...(result.rejected ?? []), ...(result.pending ?? [])];
  if (failed.length) throw new Error(`The SMTP server did not accept the message for ${failed.join(", ")}.`);
}

function signInLinkMessage({ identifier, url, host, code }: VerificationRequest): MailMessage {
  const ignore = "If you did not ask for this email, you can ignore it.";
  if (!code) {
    return {
      to: identifier,
      subject: `Sign in to ${host}`,
      text: `Sign in to ${host}\n\n${url}\n\n${ignore}\n`,
      html: `<p>Sign in to <strong>${escape(host)}</strong></p><p><a href="${escape(url)}">Sign in</a></p><p>${ignore}</p>`,
    };
  }
  const minutes = Math.max(1, Math.round((code.expires.getTime() - Date.now()) / 60_000));
  const expiry = `The code expires in ${minutes} minute${minutes === 1 ? "" : "s"} and works once.`;
  return {
    to: identifier,
    subject: `Sign in to ${host}`,
    text: `Sign in to ${host}\n\nYour sign-in code: ${code.value}\n${expiry}\n\nOr follow this link:\n${url}\n\n${ignore}\n`,
    html:
      `<p>Sign in to <strong>${escape(host)}</strong></p>` +
      `<p>Your sign-in code: <strong style="font-size:1.5em;letter-spacing:.15em">${escape(code.value)}</strong></p><p>${expiry}</p>` +
      `<p>Or <a href="${escape(url)}">sign in with this link</a>.</p><p>${ignore}</p>`,
  };
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
