/**
 * A sign-in waiting for its second factor. The first factor is proven, but there is no session yet: the
 * browser holds a random reference in an HttpOnly cookie (not the session cookie, and nothing a session
 * could be read from), and the database the sign-in's state under the reference's hash, sealed with the
 * app's secrets (it carries the provider's tokens). It expires in minutes, is spent by the request that
 * completes it, and survives only a few wrong codes: each try takes it out of the database, and a wrong
 * one puts it back with the try counted, so concurrent guesses cannot share a count.
 */
import { sha256 } from "#digest";
import type { FactorAdapter } from "../adapter.js";
import type { RequestContext } from "../context.js";
import { expireCookie, serializeCookie } from "../cookies/serialize.js";
import { randomString } from "../random.js";
import { stampClaims, tokenCodec } from "../token/codec.js";
import type { Account, AuthMethod, IssuedTokens, JWT, Profile } from "../types.js";

const IDENTIFIER = "second-factor";
const REF_LENGTH = 43;
const REF_FORM = /^[\w-]{43}$/;
const SEAL_SALT = "sesame.pending-sign-in";

/** What completing the sign-in needs, as the first factor left it. */
export interface PendingSignIn {
  userId: string;
  account: Account;
  profile?: Profile;
  /** Tokens a credentials `authorize` returned with its user (kept with the session, as on any sign-in). */
  issuedTokens?: IssuedTokens;
  isNewUser: boolean;
  amr: AuthMethod[];
  /** Claims Sesame itself adds to the token (RP-initiated logout's). */
  ownClaims: JWT;
  callbackUrl: string;
  /**
   * The challenge of the passkey options last sent for this sign-in (base64url), when the user chose a
   * passkey: kept here, so it is bound to this sign-in, and dropped by the next passkey try, right or wrong.
   */
  passkeyChallenge?: string;
  /** Wrong second factors tried so far. */
  attempts: number;
}

/** A pending sign-in taken out of the store: complete it, or put it back with `putBack`. */
export interface TakenSignIn {
  pending: PendingSignIn;
  ref: string;
  expires: Date;
}

function rowOf(ref: string): Promise<{ identifier: string; tokenHash: string }> {
  return sha256(ref).then((tokenHash) => ({ identifier: IDENTIFIER, tokenHash }));
}

async function seal(context: RequestContext, pending: PendingSignIn, expires: Date): Promise<string> {
  return tokenCodec(context.config.secrets, SEAL_SALT).encode(stampClaims({ pending: { ...pending } }, 0, Math.floor(expires.getTime() / 1000)));
}

/** Stores the pending sign-in; returns the cookie that refers to it. */
export async function holdSignIn(context: RequestContext, adapter: FactorAdapter, pending: Omit<PendingSignIn, "attempts">, maxAgeSeconds: number): Promise<string> {
  const ref = randomString(REF_LENGTH);
  const expires = new Date(Date.now() + maxAgeSeconds * 1000);
  const held: PendingSignIn = { ...pending, attempts: 0 };
  await adapter.createAccountToken({ ...(await rowOf(ref)), payload: await seal(context, held, expires), expires });
  const { name, options } = context.jar.pendingSignIn;
  return serializeCookie(name, ref, { ...options, maxAge: maxAgeSeconds });
}

/** Whether this browser has a pending sign-in cookie (it may still have expired or been spent). */
export function pendingRef(context: RequestContext): string | undefined {
  const ref = context.cookies.get(context.jar.pendingSignIn.name);
  return ref && REF_FORM.test(ref) ? ref : undefined;
}

/**
 * Takes this browser's pending sign-in out of the store: from here on, no other request can use it. Returns
 * `undefined` when there is none: no cookie, expired, spent, or taken by a concurrent request.
 */
export async function takeSignIn(context: RequestContext, adapter: FactorAdapter): Promise<TakenSignIn | undefined> {
  const ref = pendingRef(context);
  if (!ref) return undefined;
  const taken = await adapter.useAccountToken(await rowOf(ref));
  if (!taken || taken.expires.getTime() <= Date.now()) return undefined;
  const claims = await tokenCodec(context.config.secrets, SEAL_SALT).decode(taken.payload);
  const pending = claims?.pending as PendingSignIn | undefined;
  if (!pending || typeof pending.userId !== "string" || typeof pending.attempts !== "number") return undefined;
  return { pending, ref, expires: taken.expires };
}

/**
 * Puts a pending sign-in back: after a wrong second factor with the try counted (unless that was its last
 * try), or untouched when the request was turned away before trying. Returns whether it is still there.
 */
export async function putBack(
  context: RequestContext,
  adapter: FactorAdapter,
  { pending, ref, expires }: TakenSignIn,
  { countTry, maxAttempts }: { countTry: boolean; maxAttempts: number },
): Promise<boolean> {
  const attempts = pending.attempts + (countTry ? 1 : 0);
  if (attempts >= maxAttempts) return false;
  await adapter.createAccountToken({ ...(await rowOf(ref)), payload: await seal(context, { ...pending, attempts }, expires), expires });
  return true;
}

export function clearPendingCookie(context: RequestContext): string {
  const { name, options } = context.jar.pendingSignIn;
  return expireCookie(name, options);
}
