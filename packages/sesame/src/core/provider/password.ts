/**
 * What an email-and-password provider (`Password()`) is to the core: a credentials provider whose accounts
 * Sesame keeps itself — sign-up, verification, reset, change — so it carries how to hash and check
 * passwords (Node's scrypt, given by the provider module: the core stays on Web APIs) and the policy.
 */
import type { PasswordPolicy } from "../accounts/password-policy.js";
import type { EmailCodeOptions } from "../codes/options.js";
import type { CredentialsProvider } from "./credentials.js";
import type { Provider } from "./provider.js";

/** How a `Password()` provider hashes, checks and judges passwords, and how long its emailed links last. */
export interface PasswordAccounts {
  /** A storable hash of the password (PHC string). */
  hash(password: string): Promise<string>;
  /** Whether the password matches; without a hash, it still spends the time of a check and answers false. */
  verify(password: string, hash: string | null | undefined): Promise<boolean>;
  /** Whether the hash was made with other parameters than today's, and should be replaced at sign-in. */
  needsRehash(hash: string): boolean;
  /** What a new password must satisfy. */
  policy: PasswordPolicy;
  /** The id of the email provider whose transport sends the account emails. Default: the first email provider. */
  emailProvider?: string;
  /** Seconds a sign-up's "verify your address" link, and an email change's confirmation link, stay valid. */
  verifyMaxAge: number;
  /** Seconds a password reset link stays valid. */
  resetMaxAge: number;
  /**
   * How an address is proved (sign-up, verification, email change): a mailed link (default), or a 6-digit
   * one-time code the user types, posted to `POST /verify-email` with `email` and `code`.
   */
  verifyWith?: "link" | "code";
  /** The limits of those codes, with `verifyWith: "code"`. Default: 10 minutes, 5 wrong tries. */
  code?: EmailCodeOptions;
  /** Seconds a sign-in counts as recent for an email change without the password. Default: 300. */
  reauthenticateAfter?: number;
}

/** An email-and-password provider, as `Password()` (`sesame-auth/providers/password`) returns it. */
export interface PasswordProvider extends CredentialsProvider<"email" | "password"> {
  accounts: PasswordAccounts;
}

/** Whether `provider` is an email-and-password provider, whose accounts Sesame keeps. */
export function isPasswordProvider(provider: Provider): provider is PasswordProvider {
  return provider.type === "credentials" && "accounts" in provider && typeof provider.accounts === "object" && provider.accounts !== null;
}
