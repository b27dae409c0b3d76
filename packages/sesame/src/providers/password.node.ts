/**
 * Email-and-password accounts that Sesame keeps: sign-up with a verified address (proved by an emailed link,
 * or a one-time code), sign-in, password reset by emailed link, password and email changes. Node-only (passwords are hashed with scrypt from `node:crypto`).
 */
import { hashPassword, needsRehash, verifyPassword, type PasswordHashOptions } from "../password.node.js";
import type { BreachedPasswordCheck } from "../core/accounts/password-policy.js";
import type { EmailCodeOptions } from "../core/codes/options.js";
import type { PasswordProvider } from "../core/provider/password.js";

export type { PasswordAccounts, PasswordProvider } from "../core/provider/password.js";

/**
 * Options of `Password()`. Durations are in seconds.
 *
 * @example
 * ```ts
 * Password({ minLength: 10, breached: pwnedPasswords(), resetMaxAge: 30 * 60 })
 * Password({ verifyWith: "code", code: { maxAge: 5 * 60 } })
 * ```
 */
export interface PasswordOptions {
  /** Default: `"credentials"`, so the routes are `/signup/credentials` and `/callback/credentials`. */
  id?: string;
  /** Default: `"Email and password"`. */
  name?: string;
  /** Fewest characters of a new password (Unicode code points). Default: 8. */
  minLength?: number;
  /**
   * Refuse passwords known from data breaches: `pwnedPasswords()` from `sesame-auth` (a k-anonymity range
   * query: only 5 characters of the password's SHA-1 leave the server), or your own check. Default: off.
   */
  breached?: BreachedPasswordCheck | false;
  /** The id of the email provider that sends the account emails. Default: the first email provider. */
  emailProvider?: string;
  /** scrypt parameters (`sesame-auth/password`): lower them only in tests. Hashes made with others are replaced at sign-in. */
  hashOptions?: PasswordHashOptions;
  /** Seconds a "verify your address" or "confirm your new address" link stays valid. Default: 24 hours. */
  verifyMaxAge?: number;
  /** Seconds a password reset link stays valid. Default: 1 hour. */
  resetMaxAge?: number;
  /**
   * How an address is proved at sign-up, verification and email change: `"link"` (default), a link to
   * follow; or `"code"`, a 6-digit one-time code the user types on the "check your email" page, posted to
   * `POST /verify-email` with `email` and `code`. Password resets always go by link.
   */
  verifyWith?: "link" | "code";
  /** With `verifyWith: "code"`: how long a code lives and how many wrong tries it survives. Default: 10 minutes, 5 tries. */
  code?: EmailCodeOptions;
  /**
   * Seconds a sign-in counts as recent for moving the account to another email without typing the password
   * (0 to 86 400). Default: 300. A password change always asks for the current password.
   */
  reauthenticateAfter?: number;
}

/**
 * The email-and-password provider. Needs an adapter with password storage (`SqlAdapter`, `MemoryAdapter`),
 * an email provider to send its links (`Email()`), and sessions that a password reset can end (database
 * sessions, or `revocation` for JWT sessions).
 *
 * @example
 * ```ts
 * import Email from "sesame-auth/providers/email";
 * import Password from "sesame-auth/providers/password";
 *
 * export const { handlers, auth } = Sesame({
 *   adapter: SqlAdapter(db),
 *   providers: [Password({ minLength: 10 }), Email({ server: process.env.EMAIL_SERVER })],
 * });
 * ```
 */
export default function Password(options: PasswordOptions = {}): PasswordProvider {
  const { hashOptions } = options;
  return {
    id: options.id ?? "credentials",
    name: options.name ?? "Email and password",
    type: "credentials",
    credentials: {
      email: { label: "Email", type: "email", autocomplete: "username", required: true },
      password: { label: "Password", type: "password", autocomplete: "current-password", required: true },
    },
    identifier: "email",
    // Never called: Sesame checks the password against the account it keeps (core/accounts/sign-in.ts).
    authorize: () => null,
    accounts: {
      hash: (password) => hashPassword(password, hashOptions),
      verify: (password, hash) => verifyPassword(password, hash, hashOptions),
      needsRehash: (hash) => needsRehash(hash, hashOptions),
      policy: { minLength: options.minLength, breached: options.breached ?? false },
      emailProvider: options.emailProvider,
      verifyMaxAge: options.verifyMaxAge ?? 24 * 60 * 60,
      resetMaxAge: options.resetMaxAge ?? 60 * 60,
      verifyWith: options.verifyWith ?? "link",
      code: options.code,
      reauthenticateAfter: options.reauthenticateAfter,
    },
  };
}

export { Password };
