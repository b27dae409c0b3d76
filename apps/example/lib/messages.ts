/**
 * What the account pages say for the library's error codes (`AccountResult.error`, `reason`): one place, so
 * sign-up, reset and the security page word a refusal the same way.
 */
const ERRORS: Record<string, string> = {
  EmailSignin: "That email address does not look right.",
  RateLimited: "Too many attempts. Wait a minute and try again.",
  Verification: "That link has expired or was already used. Ask for a new one.",
  CredentialsSignin: "That password or code is not right.",
  SecondFactorFailed: "That code is not right, or was used already.",
  SessionRequired: "You are signed out. Sign in again.",
  InvalidRequest: "That request was refused.",
  PasskeyNotFound: "That passkey is not yours, or was deleted already.",
  WebAuthnVerificationError: "The passkey's answer was not accepted.",
  NotAllowedError: "The passkey prompt was dismissed or timed out.",
  InvalidStateError: "This device already holds a passkey for your account.",
  NotSupportedError: "This browser cannot use passkeys.",
};

const REASONS: Record<string, string> = {
  "too-short": "The password is too short: use at least 10 characters.",
  "too-long": "The password is too long.",
  "not-well-formed": "The password has characters that cannot be used.",
  breached: "That password appears in known data breaches: choose another.",
};

/** A sentence for a refusal, with its code for whoever debugs it. */
export function describeError(result: { error?: string; reason?: string; message?: string; status?: number }): string {
  const text = (result.reason && REASONS[result.reason]) ?? (result.error && ERRORS[result.error]) ?? result.message ?? "Something went wrong.";
  return `${text} (${result.error ?? result.status ?? "no answer"})`;
}
