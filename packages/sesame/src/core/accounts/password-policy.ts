/**
 * The rules a new password must meet (sign-up, password reset, password change), and the breached-password
 * check behind one of them. Web APIs only: the core runs on Node, Edge runtimes and Workers.
 *
 * The rules follow NIST SP 800-63B: a minimum length counted in characters, no composition rules, and a
 * check against passwords known from breaches. That check is off unless the app turns it on, because it sends
 * the first 5 hex digits of the password's SHA-1 to a third party; the password and the full hash never leave
 * the process.
 */

/**
 * A password rule set: what `checkPassword` holds a new password to.
 *
 * @example
 * ```ts
 * const policy: PasswordPolicy = { minLength: 12, breached: pwnedPasswords() };
 * const problem = await checkPassword(password, policy); // null, "too-short", "breached", …
 * ```
 */
export interface PasswordPolicy {
  /** Fewest characters (Unicode code points, not UTF-16 units). Default 8 (NIST SP 800-63B). Must be 1..1024. */
  minLength?: number;
  /** A breached-password check, or false (default: off — it sends a hash prefix to a third party). */
  breached?: BreachedPasswordCheck | false;
}

/**
 * Pluggable: any service answering whether a password is known from breaches. `pwnedPasswords()` is one;
 * a check against your own list is another.
 *
 * @example
 * ```ts
 * const localList: BreachedPasswordCheck = {
 *   async isBreached(password) {
 *     return (await db.breachedSha1.has(await sha1Hex(password)));
 *   },
 * };
 * await checkPassword(password, { breached: localList });
 * ```
 */
export interface BreachedPasswordCheck {
  /** true: seen in breaches. Throws `BreachCheckUnavailable` when the service cannot answer. */
  isBreached(password: string): Promise<boolean>;
}

/**
 * What is wrong with a password, as `checkPassword` reports it. `"not-well-formed"`: not a string, empty, or
 * not well-formed Unicode (a lone surrogate), which no form a person fills in produces.
 *
 * @example
 * ```ts
 * const messages: Record<PasswordProblem, string> = {
 *   "too-short": "Use at least 8 characters.",
 *   "too-long": "Use at most 1024 characters.",
 *   "not-well-formed": "Enter a password.",
 *   breached: "This password appeared in a data breach. Choose another one.",
 * };
 * ```
 */
export type PasswordProblem = "too-short" | "too-long" | "not-well-formed" | "breached";

/**
 * The breached-password check could not get an answer: the service is down, slow, or answered with something
 * that is not a range answer. `cause` holds the underlying error. The message names the endpoint, never the
 * password nor any part of its hash.
 *
 * @example
 * ```ts
 * try {
 *   problem = await checkPassword(password, { breached: pwnedPasswords() });
 * } catch (error) {
 *   if (error instanceof BreachCheckUnavailable) return retryLater(); // fail closed: nothing is saved
 *   throw error;
 * }
 * ```
 */
export class BreachCheckUnavailable extends Error {
  override name = "BreachCheckUnavailable";
}

// The hashing module (sesame-auth/password) refuses longer passwords, so a policy that let them through
// would accept a password that can then not be saved.
const MAX_PASSWORD_LENGTH = 1024;
const DEFAULT_MIN_LENGTH = 8;
// With the `u` flag, a surrogate pair is one code point, so this matches only unpaired surrogates.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Checks a new password against a policy: `null` when it is acceptable, else the first problem found. The
 * cheap rules run first, so a password that is refused for its length is never sent to the breach check.
 *
 * Lengths count Unicode code points: an emoji is one character. The maximum (1024) is counted as the hashing
 * module counts it, on the password as given; the minimum on its NFKC form, which is what gets hashed, so
 * an accent typed as a separate combining mark does not count as a second character. The breach check sees
 * the NFKC form too (and the password as given, when that differs), since any spelling with the same NFKC
 * form signs in.
 *
 * @throws {RangeError} when `policy.minLength` is not an integer in 1..1024.
 * @throws {TypeError} when `policy.breached` is neither `false` nor a `BreachedPasswordCheck`.
 * @throws {BreachCheckUnavailable} when the breach check cannot answer (and was not told to allow that).
 *
 * @example
 * ```ts
 * await checkPassword("hunter2"); // "too-short"
 * await checkPassword("correct horse battery staple"); // null
 * await checkPassword("password1", { breached: pwnedPasswords() }); // "breached"
 * ```
 */
export async function checkPassword(password: string, policy: PasswordPolicy = {}): Promise<PasswordProblem | null> {
  const { minLength, breached } = resolvePolicy(policy);
  if (typeof password !== "string" || password.length === 0) return "not-well-formed";
  // More than twice the limit in UTF-16 units is more code points than the limit: decided without walking
  // (or normalizing) an enormous string.
  if (password.length > 2 * MAX_PASSWORD_LENGTH || countCodePoints(password) > MAX_PASSWORD_LENGTH) return "too-long";
  // UTF-8 encoding turns every lone surrogate into U+FFFD, so different passwords would hash the same.
  if (LONE_SURROGATE.test(password)) return "not-well-formed";
  const normalized = password.normalize("NFKC");
  if (countCodePoints(normalized) < minLength) return "too-short";
  if (breached) {
    const spellings = normalized === password ? [normalized] : [normalized, password];
    for (const spelling of spellings) {
      if (await breached.isBreached(spelling)) return "breached";
    }
  }
  return null;
}

function resolvePolicy(policy: PasswordPolicy): { minLength: number; breached: BreachedPasswordCheck | false } {
  if (typeof policy !== "object" || policy === null) throw new TypeError("checkPassword: the policy must be an object, e.g. { minLength: 12 }");
  const minLength = policy.minLength ?? DEFAULT_MIN_LENGTH;
  if (!Number.isInteger(minLength) || minLength < 1 || minLength > MAX_PASSWORD_LENGTH) {
    throw new RangeError(`checkPassword: policy.minLength must be an integer from 1 to ${MAX_PASSWORD_LENGTH}, got ${String(policy.minLength)}`);
  }
  const breached = policy.breached ?? false;
  if (breached !== false && typeof (breached as Partial<BreachedPasswordCheck> | null)?.isBreached !== "function") {
    // `breached: true` is the likely mistake: say what turns the check on.
    throw new TypeError("checkPassword: policy.breached must be false or a BreachedPasswordCheck, e.g. pwnedPasswords()");
  }
  return { minLength, breached };
}

function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * Options of `pwnedPasswords`.
 *
 * @example
 * ```ts
 * pwnedPasswords({ timeoutSeconds: 2, minCount: 3, onUnavailable: "allow" });
 * ```
 */
export interface PwnedPasswordsOptions {
  /** The range API, to which the 5-hex-digit prefix is appended. Default `"https://api.pwnedpasswords.com/range/"`. */
  endpoint?: string;
  /** The `fetch` to call. Default `globalThis.fetch`, looked up at each check. */
  fetch?: typeof fetch;
  /** How long one check may take, answer and body included. Default 3. */
  timeoutSeconds?: number;
  /** A password counts as breached when seen at least this often. Default 1. */
  minCount?: number;
  /**
   * When the service cannot answer: `"refuse"` (default) fails closed, `isBreached` throws
   * `BreachCheckUnavailable`; `"allow"` treats the password as not breached.
   */
  onUnavailable?: "refuse" | "allow";
}

const DEFAULT_ENDPOINT = "https://api.pwnedpasswords.com/range/";
const DEFAULT_TIMEOUT_SECONDS = 3;
// A real answer is 30–40 kB (about 1,000 lines, padding included). The cap bounds what an endpoint that
// streams forever, or a compression bomb (fetch inflates before we count), can make us buffer.
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const PREFIX_LENGTH = 5;
const SUFFIX = /^[0-9A-Fa-f]{35}$/;
const COUNT = /^[0-9]+$/;

/**
 * Have I Been Pwned's Pwned Passwords range API (k-anonymity): only the first 5 hex digits of the password's
 * SHA-1 are sent, and the answer — every known suffix under that prefix, padded with decoys — is searched
 * here. The answer is not trusted: a status other than 200, a body over 2 MB, a line that is not
 * `SUFFIX:COUNT`, an empty body, a redirect, a network error or the time-out all mean "cannot answer".
 *
 * @throws {RangeError} / {TypeError} when an option is out of range or of the wrong type.
 *
 * @example
 * ```ts
 * const problem = await checkPassword(password, { minLength: 10, breached: pwnedPasswords() });
 * if (problem === "breached") return error("This password appeared in a data breach. Choose another one.");
 * ```
 */
export function pwnedPasswords(options: PwnedPasswordsOptions = {}): BreachedPasswordCheck {
  const endpoint = options.endpoint ?? DEFAULT_ENDPOINT;
  const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const minCount = options.minCount ?? 1;
  const onUnavailable = options.onUnavailable ?? "refuse";
  const customFetch = options.fetch;
  if (typeof endpoint !== "string" || !/^https?:$/.test(parseUrl(endpoint)?.protocol ?? "")) {
    throw new TypeError(`pwnedPasswords: endpoint must be an http(s) URL, got ${JSON.stringify(endpoint)}`);
  }
  if (typeof timeoutSeconds !== "number" || !Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new RangeError(`pwnedPasswords: timeoutSeconds must be a positive number, got ${String(timeoutSeconds)}`);
  }
  if (!Number.isSafeInteger(minCount) || minCount < 1) {
    throw new RangeError(`pwnedPasswords: minCount must be a positive integer, got ${String(minCount)}`);
  }
  if (onUnavailable !== "refuse" && onUnavailable !== "allow") {
    throw new TypeError(`pwnedPasswords: onUnavailable must be "refuse" or "allow", got ${JSON.stringify(onUnavailable)}`);
  }
  if (customFetch !== undefined && typeof customFetch !== "function") throw new TypeError("pwnedPasswords: fetch must be a function");
  const timeoutMs = Math.ceil(timeoutSeconds * 1000);

  return {
    async isBreached(password: string): Promise<boolean> {
      if (typeof password !== "string") throw new TypeError("pwnedPasswords: the password must be a string");
      const hash = await sha1Hex(password);
      const prefix = hash.slice(0, PREFIX_LENGTH);
      const suffix = hash.slice(PREFIX_LENGTH);
      let counts: Map<string, number>;
      try {
        counts = parseRange(await fetchRange(customFetch ?? globalThis.fetch, endpoint, prefix, timeoutMs));
      } catch (error) {
        if (onUnavailable === "allow") return false;
        // The prefix stays out of the message (some runtimes put the URL in fetch errors): next to a user id in
        // a log, it narrows that user's password.
        const reason = reasonOf(error).replaceAll(prefix, "…");
        throw new BreachCheckUnavailable(`pwnedPasswords: ${endpoint} could not answer (${reason}); the password was not checked`, { cause: error });
      }
      return (counts.get(suffix) ?? 0) >= minCount;
    },
  };
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

async function sha1Hex(password: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode(password)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("").toUpperCase();
}

/** The range answer's body for `prefix`, as text; throws for anything but a 200 with a bounded, UTF-8 body. */
async function fetchRange(fetchImpl: typeof fetch, endpoint: string, prefix: string, timeoutMs: number): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs);
  const request = fetchImpl(`${endpoint}${prefix}`, {
    method: "GET",
    // Padding makes every answer about the same size, so its length on the wire does not narrow the prefix.
    headers: { "Add-Padding": "true" },
    // "manual" (not "error", which Workers reject): a redirect is then a non-200 answer like any other,
    // and the prefix goes nowhere the app did not configure.
    redirect: "manual",
    signal,
  });
  // Also raced here, for a custom fetch that ignores the signal.
  const response = await Promise.race([request, rejectOnAbort(signal)]);
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get("content-length"));
  if (declared > MAX_BODY_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`the body is larger than ${MAX_BODY_BYTES} bytes`);
  }
  if (!response.body) throw new Error("the answer has no body");
  return new TextDecoder("utf-8", { fatal: true }).decode(await readCapped(response.body, MAX_BODY_BYTES, signal));
}

/**
 * The stream's bytes, at most `cap` of them: past that, or once `signal` aborts, the stream is cancelled
 * (which drops the connection) and this throws. The signal is watched here as well as by fetch, since a
 * custom fetch may not tie it to the body.
 */
async function readCapped(body: ReadableStream<Uint8Array>, cap: number, signal: AbortSignal): Promise<Uint8Array> {
  const reader = body.getReader();
  // Cancelling ends a pending read as if the body were complete; the check after the loop tells the two apart.
  // (Racing each read against the signal instead would pile up one reaction per chunk.)
  const onAbort = () => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener("abort", onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    signal.throwIfAborted();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > cap) throw new Error(`the body is larger than ${cap} bytes`);
      chunks.push(value);
    }
    signal.throwIfAborted();
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The range answer's suffixes and counts, suffixes upper-cased. Every non-blank line must be `SUFFIX:COUNT`
 * (whitespace around either tolerated); a body with any other line, or with none, is not a range answer —
 * an error page served with 200, a captive portal, a wrong endpoint — and throws, because reading it as
 * "not breached" would turn the check off without anyone noticing.
 */
function parseRange(body: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const rawLine of body.split("\n")) {
    const line = rawLine.trim();
    if (line === "") continue;
    const colon = line.indexOf(":");
    const suffix = colon === -1 ? "" : line.slice(0, colon).trim();
    const count = colon === -1 ? "" : line.slice(colon + 1).trim();
    if (!SUFFIX.test(suffix) || !COUNT.test(count)) throw new Error("the body is not a list of SUFFIX:COUNT lines");
    // Padding entries have count 0, so they never reach minCount (at least 1); a duplicate keeps its largest count.
    const key = suffix.toUpperCase();
    counts.set(key, Math.max(counts.get(key) ?? 0, Number(count)));
  }
  if (counts.size === 0) throw new Error("the body has no SUFFIX:COUNT lines");
  return counts;
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    return error.name === "TimeoutError" ? "no answer in time" : error.message;
  }
  return String(error);
}
