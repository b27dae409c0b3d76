/** The digits of a new one-time code, every code equally likely. */

/** Digits in a code: a million codes, of which an attacker may try `maxAttempts` before the code dies. */
export const CODE_DIGITS = 6;
const RANGE = 10 ** CODE_DIGITS;
/** The largest multiple of `RANGE` a 32-bit value can reach: values at or above it are drawn again. */
const UNBIASED_LIMIT = 2 ** 32 - (2 ** 32 % RANGE);

/** `CODE_DIGITS` random digits (leading zeros kept). */
export function randomCode(): string {
  // Rejection sampling: `value % RANGE` over all 2^32 values would favour the low codes slightly.
  const buffer = new Uint32Array(1);
  for (;;) {
    const value = crypto.getRandomValues(buffer)[0] ?? UNBIASED_LIMIT;
    if (value < UNBIASED_LIMIT) return String(value % RANGE).padStart(CODE_DIGITS, "0");
  }
}
