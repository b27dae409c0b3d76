/**
 * Sign-in by email ("magic links"): the user enters an address, receives a single-use link, and is signed
 * in by following it. The link's token is stored hashed (an adapter is required), expires (24 hours by
 * default) and is consumed on first use. Mail goes out through `sendVerificationRequest`, by default over
 * SMTP with nodemailer.
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

/**
 * Options of `Email`: the SMTP `server` and `from` address (env `EMAIL_SERVER` / `EMAIL_FROM`), or your own
 * `sendVerificationRequest`; `maxAge` of a link defaults to 24 hours.
 *
 * @example
 * ```ts
 * Email({ maxAge: 15 * 60, sendVerificationRequest: ({ identifier, url }) => mailer.send(identifier, url) })
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

function signInLinkMessage({ identifier, url, host }: VerificationRequest): MailMessage {
  return {
    to: identifier,
    subject: `Sign in to ${host}`,
    text: `Sign in to ${host}\n\n${url}\n\nIf you did not ask for this email, you can ignore it.\n`,
    html: `<p>Sign in to <strong>${escape(host)}</strong></p><p><a href="${escape(url)}">Sign in</a></p><p>If you did not ask for this email, you can ignore it.</p>`,
  };
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
