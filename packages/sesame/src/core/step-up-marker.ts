/**
 * The re-authentication marker: `maxAge`, in seconds, on the sign-in page's URL (`?maxAge=300`) and in the
 * sign-in POST, says "this sign-in is a step-up: the user must have authenticated within `maxAge` seconds".
 * Step-up (`requireRecentAuth()`, Next.js's `auth({ maxAge })`) puts it on the sign-in URL; the page carries it
 * into its forms; `POST /signin/:provider` turns it into the OpenID Connect `max_age` (and seals it in the
 * check cookie, so that the callback holds the ID token's `auth_time` to it).
 *
 * It comes from the browser, so it is a request, never a proof: what decides step-up is the session's
 * `auth_time`, which only a sign-in sets, from what the sign-in proved. A marker removed or raised in the
 * browser only yields a session no fresher than the login really was; lowered, it only asks for more.
 */
import { InvalidRequest } from "./errors.js";

/** The marker's name, in the sign-in page's query and in sign-in forms. */
export const MAX_AGE_FIELD = "maxAge";

/** A year: longer is not a step-up, and keeps the number well inside what every provider parses. */
const LONGEST = 365 * 24 * 3600;

/** The marker's seconds, or `undefined` when absent or not a whole number of seconds from 0 to a year. */
export function parseMaxAge(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 && value <= LONGEST ? value : undefined;
  if (typeof value !== "string" || !/^\d{1,8}$/.test(value)) return undefined;
  return parseMaxAge(Number(value));
}

/**
 * The marker of a sign-in request: `undefined` without one; `InvalidRequest` for one that is not seconds, so
 * that a mistyped step-up fails loudly instead of silently asking for nothing.
 */
export function requestedMaxAge(value: unknown): number | undefined {
  if (value === undefined || value === "") return undefined;
  const seconds = parseMaxAge(value);
  if (seconds === undefined) throw new InvalidRequest(`\`${MAX_AGE_FIELD}\` is the seconds a re-authentication may be old: a whole number from 0 to ${LONGEST}.`);
  return seconds;
}

/** The marker for a step-up of `seconds` (whole seconds, at most a year: what `parseMaxAge` reads back). */
export function maxAgeMarker(seconds: number): string {
  return String(Math.min(Math.floor(seconds), LONGEST));
}
