/**
 * The one clock of token lifetimes: seconds since the epoch, read from `Date.now()` so that tests control it
 * with fake timers, and the tolerance every expiry check allows between servers' clocks.
 */
/** Seconds of clock difference tolerated between the server that issued a token and the one reading it. */
export const CLOCK_TOLERANCE_SECONDS = 15;
/** Now, in whole seconds since the epoch (the unit of `iat`, `exp` and `expires_at`). */
export function nowSeconds() {
    return Math.floor(Date.now() / 1000);
}
