/**
 * What an email (magic link) provider is to the core: how the link (and, with `code`, a one-time code) is
 * sent, and how addresses are normalised.
 */
import type { EmailCodeOptions } from "../codes/options.js";
import type { Awaitable } from "../types.js";

/** What `sendVerificationRequest` gets: where to send the link, the link, and the code when codes are on. */
export interface VerificationRequest {
  /** The normalised email address. */
  identifier: string;
  /** The sign-in link. */
  url: string;
  /** When the link expires. */
  expires: Date;
  /**
   * With `code` on the provider: the 6-digit one-time code to put in the message beside the link, and when
   * it expires (sooner than the link: 10 minutes by default). A custom `sendVerificationRequest` must mail it.
   */
  code?: { value: string; expires: Date };
  /** The link's host, for the message ("Sign in to example.com"): `AUTH_URL`'s, or an `allowedHosts` entry. */
  host: string;
  provider: EmailProvider;
  request: Request;
}

/** A message Sesame sends through an email provider's transport (account emails: sign-up, reset, …). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** An email (magic link) provider, as `Email()` returns it. */
export interface EmailProvider {
  id: string;
  name: string;
  type: "email";
  /** Seconds a link stays valid. Default: 24 hours. */
  maxAge: number;
  /**
   * Also sign in by a 6-digit one-time code, mailed beside the link and typed on the "check your email"
   * page (`POST /callback/<id>` with `email` and `code`). `true` for the defaults (10 minutes, 5 wrong
   * tries), or the limits. Needs an adapter with `createAccountToken` / `useAccountToken`. Default: off.
   */
  code?: boolean | EmailCodeOptions;
  /** Sends the link. Throwing makes the sign-in fail with `EmailSignin` (and the token is discarded). */
  sendVerificationRequest(request: VerificationRequest): Awaitable<void>;
  /**
   * Sends any message through the provider's transport: the account emails of the `Password()` provider
   * (verify your address, reset your password, …) go through it. `Email()` has it; a provider that only
   * sends sign-in links may leave it out, and cannot serve `Password()` then.
   */
  sendMail?(message: MailMessage): Awaitable<void>;
  /**
   * Turns what the user typed into the address to send to and look up. Default: trimmed, lower-cased. Input
   * over 320 characters never reaches it; what it returns is checked (at most 254 characters, one `@`, a
   * dotted domain). Throwing refuses the address with `EmailSignin`.
   */
  normalizeIdentifier?(identifier: string): string;
}
