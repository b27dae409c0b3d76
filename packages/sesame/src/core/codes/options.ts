/**
 * The options of one-time codes by email (`Email({ code })`, `Password({ verifyWith: "code", code })`) and
 * their resolution into limits, checked once when the configuration is resolved.
 */
import { InvalidConfiguration } from "../errors.js";

/**
 * How long an emailed one-time code lives and how many wrong tries it survives. Durations in seconds.
 *
 * @example
 * ```ts
 * Email({ code: { maxAge: 5 * 60, maxAttempts: 3 } })
 * ```
 */
export interface EmailCodeOptions {
  /** Seconds a code stays valid. Default: 600 (10 minutes); at most 3 600. */
  maxAge?: number;
  /** Wrong tries after which a code is dead, even for the right digits. Default: 5; at most 10. */
  maxAttempts?: number;
}

/** The resolved limits of a kind of code. */
export interface CodeLimits {
  maxAgeSeconds: number;
  maxAttempts: number;
}

export const DEFAULT_CODE_MAX_AGE_SECONDS = 10 * 60;
export const DEFAULT_CODE_MAX_ATTEMPTS = 5;
/**
 * Six digits are strong only because a code dies fast and after a few guesses: an attacker gets
 * `maxAttempts` tries per code in a million. An hour and ten tries are the most that keep it so.
 */
const MAX_CODE_MAX_AGE_SECONDS = 60 * 60;
const MAX_CODE_MAX_ATTEMPTS = 10;

/** The limits of `options` (`true`: the defaults); `option` names it in the message of a value out of range. */
export function codeLimits(option: string, options: EmailCodeOptions | true): CodeLimits {
  const { maxAge = DEFAULT_CODE_MAX_AGE_SECONDS, maxAttempts = DEFAULT_CODE_MAX_ATTEMPTS } = options === true ? {} : options;
  if (!Number.isFinite(maxAge) || maxAge <= 0 || maxAge > MAX_CODE_MAX_AGE_SECONDS) {
    throw new InvalidConfiguration(`${option}: \`maxAge\` is the seconds a code lives, more than 0 and at most ${MAX_CODE_MAX_AGE_SECONDS}; got ${String(maxAge)}.`);
  }
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_CODE_MAX_ATTEMPTS) {
    throw new InvalidConfiguration(`${option}: \`maxAttempts\` is the wrong tries a code survives, a whole number from 1 to ${MAX_CODE_MAX_ATTEMPTS}; got ${String(maxAttempts)}.`);
  }
  return { maxAgeSeconds: maxAge, maxAttempts };
}
