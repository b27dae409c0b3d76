/**
 * One-time codes by email, at rest: issued, tried, spent. An address has at most one pending code per
 * purpose, kept in the adapter's account tokens (`createAccountToken` / `useAccountToken`):
 *
 * - **Keyed hash, sealed.** The row holds an HMAC-SHA-256 of the code under a key derived from the app's
 *   secret, inside a payload sealed with that secret. A million codes are quickly tried against a plain
 *   hash; against a keyed one, a database leak without the secret gives nothing to try them on.
 * - **Found by the address.** A wrong code must still find its row, to count the attempt, so the row's
 *   `tokenHash` is a fixed marker and the code is compared after the row is read (in constant time).
 * - **Race-safe attempts.** Every try takes the row (read and delete in one step), so concurrent tries are
 *   served one at a time and concurrent right answers sign in once. A wrong try puts it back with one more
 *   attempt counted and the same expiry, until `maxAttempts`: then the code is dead, right digits or not.
 */
import { base64url } from "jose";
import { timingSafeEqual } from "../compare.js";
import type { RequestContext } from "../context.js";
import { Verification } from "../errors.js";
import { keyRing, type DerivedKey } from "../keys.js";
import { stampClaims, tokenCodec } from "../token/codec.js";
import type { JWT } from "../types.js";
import type { CodeStore } from "./code-store.js";
import type { CodeLimits } from "./options.js";
import { randomCode } from "./random-code.js";

/** What a code proves: the right to sign in, or that an address is the user's. One pending code of each per address. */
export type CodePurpose = "signin" | "verify";

/** Which code a request is about: its purpose and address, and what else it is bound to (a provider's id). */
export interface CodeSlot {
  purpose: CodePurpose;
  email: string;
  /** Part of the keyed hash: a code issued for one binding is a wrong code for another. */
  binding: string;
}

/** The one answer to every failed try, so that it tells nothing about whether a code is pending. */
export const WRONG_CODE = "That code is not right, or it has expired. Check the latest email, or ask for a new code.";

const PAYLOAD_SALT = "sesame.email-code";
const DIGEST_SALT = "sesame.email-code-digest";
/** The row's `tokenHash`: the address alone finds the row (see above); the code's hash is in the payload. */
const SLOT_MARKER = "one-time-code";
const encoder = new TextEncoder();

function rowOf({ purpose, email }: CodeSlot): { identifier: string; tokenHash: string } {
  return { identifier: `${purpose}-code:${email}`, tokenHash: SLOT_MARKER };
}

async function digest(key: DerivedKey, { purpose, binding, email }: CodeSlot, code: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", key.key, encoder.encode(`${purpose}\n${binding}\n${email}\n${code}`));
  return base64url.encode(new Uint8Array(mac));
}

/**
 * Issues a new code for `slot`, voiding the address's previous one, with `state` sealed beside it (what
 * the code will be worth: a pending sign-up, a destination). Returns the code for the email, and its expiry.
 */
export async function issueCode(
  context: RequestContext,
  store: CodeStore,
  slot: CodeSlot,
  { state, limits }: { state: JWT; limits: CodeLimits },
): Promise<{ code: string; expires: Date }> {
  const { secrets } = context.config;
  const code = randomCode();
  const { current } = await keyRing(secrets, DIGEST_SALT, "HMAC");
  const claims = { st: state, cd: await digest(current, slot, code), kid: current.kid, n: 0 };
  const payload = await tokenCodec(secrets, PAYLOAD_SALT).encode(stampClaims(claims, limits.maxAgeSeconds));
  const expires = new Date(Date.now() + limits.maxAgeSeconds * 1000);
  const row = rowOf(slot);
  for (let tries = 1; ; tries++) {
    await store.useAccountToken(row);
    try {
      await store.createAccountToken({ ...row, payload, expires });
      return { code, expires };
    } catch (error) {
      // Another request wrote a code for the address between the two steps (the row's key is taken): take it, once.
      if (tries >= 2) throw error;
    }
  }
}

/**
 * One try at the code of `slot`: returns the state sealed with it when `code` is right (and the code is
 * spent); otherwise counts the attempt and throws `Verification` with the same message whatever the
 * reason — wrong, expired, dead, or no code at all.
 */
export async function spendCode(context: RequestContext, store: CodeStore, slot: CodeSlot, code: string, limits: CodeLimits): Promise<JWT> {
  const { secrets, logger } = context.config;
  const keys = await keyRing(secrets, DIGEST_SALT, "HMAC");
  // Hashed before the lookup, so that a try costs the same with a code pending or none.
  const tried = await digest(keys.current, slot, code);
  const row = rowOf(slot);
  const taken = await store.useAccountToken(row);
  if (!taken || taken.expires.getTime() <= Date.now()) throw new Verification(WRONG_CODE);
  const sealed = await tokenCodec(secrets, PAYLOAD_SALT).decode(taken.payload);
  const key = typeof sealed?.kid === "string" ? keys.byKid.get(sealed.kid) : undefined;
  // A payload that does not open, or a key rotated away since: no digits can match it any more.
  if (!sealed || !key || typeof sealed.cd !== "string" || typeof sealed.n !== "number") throw new Verification(WRONG_CODE);
  const expected = key === keys.current ? tried : await digest(key, slot, code);
  if (timingSafeEqual(expected, sealed.cd)) return typeof sealed.st === "object" && sealed.st !== null ? (sealed.st as JWT) : {};
  const attempts = sealed.n + 1;
  if (attempts < limits.maxAttempts) {
    const { st, cd, kid, jti, exp } = sealed;
    const payload = await tokenCodec(secrets, PAYLOAD_SALT).encode(stampClaims({ st, cd, kid, jti, n: attempts }, 0, exp));
    try {
      await store.createAccountToken({ ...row, payload, expires: taken.expires });
    } catch (error) {
      // A new code was issued for the address meanwhile: it stands, and this one stays spent.
      logger.debug(`An email code was not put back after a wrong try (a newer code took its place): ${String(error)}`);
    }
  }
  throw new Verification(WRONG_CODE);
}

/** Voids the pending code of `slot`, if any (its email failed to send, or the sign-in it was for is done). */
export async function discardCode(store: CodeStore, slot: Pick<CodeSlot, "purpose" | "email">): Promise<void> {
  await store.useAccountToken(rowOf({ ...slot, binding: "" }));
}
