/**
 * TOTP (RFC 6238) through `otpauth`: Sesame never computes a code itself. Codes are the usual 6 digits, 30
 * seconds, SHA-1 (what every authenticator app supports); a code is accepted for the current step and one
 * step either side (clock drift), and each step is used once: the caller stores the last step used.
 */
import { Secret, TOTP } from "otpauth";

const PERIOD = 30;
const DIGITS = 6;
/** A code as people type it: six digits, maybe with a space in the middle. */
const CODE = /^\d{3} ?\d{3}$/;

/** A new secret for an authenticator app, base32 (160 bits, as RFC 4226 recommends). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` URI an authenticator app scans (as a QR code) or the user types. */
export function totpUri({ secret, issuer, account }: { secret: string; issuer: string; account: string }): string {
  return new TOTP({ issuer, label: account, secret: Secret.fromBase32(secret), digits: DIGITS, period: PERIOD }).toString();
}

/** Whether `input` has the form of a TOTP code (before any HMAC is computed). */
export function isTotpCode(input: unknown): input is string {
  return typeof input === "string" && CODE.test(input);
}

/**
 * The time step `code` belongs to (now, or one step either side), or `undefined` when it matches none.
 * `otpauth` compares in constant time.
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | undefined {
  if (!isTotpCode(code)) return undefined;
  const delta = TOTP.validate({ token: code.replace(" ", ""), secret: Secret.fromBase32(secret), digits: DIGITS, period: PERIOD, timestamp: now, window: 1 });
  return delta === null ? undefined : Math.floor(now / 1000 / PERIOD) + delta;
}

/** The code of `secret` at `now` (for tests and for showing an example). */
export function totpCode(secret: string, now = Date.now()): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), digits: DIGITS, period: PERIOD, timestamp: now });
}
