/**
 * The second factor of a sign-in. After the first factor, a user who enrolled one is held: no session, a
 * pending sign-in (see mfa/pending.ts) and a redirect to the second-factor page; unless this browser is a
 * device they asked to be remembered. The page posts a code, or the answer of one of the user's passkeys
 * (to options asked for this sign-in, whose challenge the pending sign-in keeps: single-use, and of no use to
 * another browser or sign-in); a right one starts the session the first factor would have, with both factors
 * in `amr`. Wrong tries count against the pending sign-in (it dies after `maxAttempts`), and against the user
 * and the client's IP in the sign-in rate limit.
 */
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { base64url } from "jose";
import type { RequestContext } from "../context.js";
import type { ResolvedTwoFactor } from "../config/two-factor.js";
import { RateLimited, SecondFactorFailed, UnknownAction, WebAuthnVerificationError } from "../errors.js";
import type { Body } from "../http.js";
import { hasSecondFactor, userFactors } from "../mfa/factors.js";
import { clearPendingCookie, holdSignIn, putBack, takeSignIn, type TakenSignIn } from "../mfa/pending.js";
import { recognisedDevice, rememberDevice } from "../mfa/remembered-device.js";
import { looksLikeSecondFactorCode, verifySecondFactorCode } from "../mfa/verify.js";
import { passkeyOptionsForUser, verifyPasskeyForUser } from "../passkeys/authentication.js";
import { newChallengeBytes } from "../passkeys/challenge.js";
import { authenticationResponse } from "../passkeys/response-json.js";
import { clearSignInLimit, limitSignIn } from "../rate-limit/limit.js";
import type { AuthMethod } from "../types.js";
import { startSession, type SessionStart, type SignInOutcome } from "./start-session.js";

/** The rate-limit bucket of second-factor tries (per user, per IP). */
const LIMIT_KEY = "second-factor";

/** The second-factor page: the app's (`pages.secondFactor`) or the built-in one. */
export function secondFactorPageUrl(context: RequestContext): string {
  return new URL(context.config.pages.secondFactor ?? `${context.authBase}/second-factor`, context.origin).href;
}

/**
 * Whether the sign-in must wait for a second factor. Returns the outcome that holds it (pending cookie and
 * the way to the second-factor page), or the factors the session will carry when it need not wait.
 */
export async function secondFactorGate(
  context: RequestContext,
  twoFactor: ResolvedTwoFactor,
  start: SessionStart,
  callbackUrl: string,
): Promise<{ held: SignInOutcome; amr?: undefined } | { held?: undefined; amr: AuthMethod[] }> {
  const userId = start.storedUser?.id;
  if (!userId || !hasSecondFactor(await userFactors(twoFactor.adapter, userId))) return { amr: start.amr };
  const device = twoFactor.rememberSeconds ? await recognisedDevice(context, twoFactor.adapter, userId) : undefined;
  if (device) {
    await twoFactor.adapter.updateFactor({ id: device.id, userId }, { lastUsedAt: new Date() });
    return { amr: [...start.amr, "device"] };
  }
  // The first factor's time (a provider's `auth_time`) is not held: the session starts when the code is
  // typed, and a code typed now is a proof made now (as a code also is on the routes that want a recent one).
  const { account, profile, issuedTokens, isNewUser, amr, ownClaims } = start;
  const cookie = await holdSignIn(context, twoFactor.adapter, { userId, account, profile, issuedTokens, isNewUser, amr, ownClaims, callbackUrl }, twoFactor.pendingMaxAgeSeconds);
  return { held: { redirectTo: secondFactorPageUrl(context), cookies: [cookie] } };
}

/** What a second-factor try offers: a typed code, or a passkey's answer (checked in form only, so far). */
type Proof = { code: string; passkey?: undefined } | { passkey: AuthenticationResponseJSON; code?: undefined };

/** Reads the try from the body; input that cannot be a proof touches nothing: no lookup, no try of the user's spent. */
function proofOf(context: RequestContext, body: Body): Proof {
  if (body.data !== undefined) {
    if (!context.config.passkeys) throw new SecondFactorFailed("Passkeys are not enabled here: type a code instead.");
    return { passkey: authenticationResponse(body.data) };
  }
  if (!looksLikeSecondFactorCode(body.code)) throw new SecondFactorFailed("Type the 6-digit code from your authenticator app, or a backup code.");
  return { code: body.code };
}

/**
 * `POST /second-factor/passkey-options`: the options for proving this browser's pending sign-in with one of
 * the user's passkeys (they are listed: the user is known). The challenge goes into the pending sign-in,
 * replacing any earlier one; asking is not a try. Throws `SecondFactorFailed` when there is no pending sign-in
 * or the user has no passkey.
 */
export async function secondFactorPasskeyOptions(context: RequestContext, twoFactor: ResolvedTwoFactor): Promise<PublicKeyCredentialRequestOptionsJSON> {
  if (!context.config.passkeys) throw new UnknownAction("No Passkey() provider is configured, so a passkey cannot be the second factor.");
  const { adapter, maxAttempts } = twoFactor;
  const taken = await takeSignIn(context, adapter);
  if (!taken) throw new SecondFactorFailed("This sign-in has expired or is already complete: sign in again.");
  const challenge = base64url.encode(newChallengeBytes());
  let options: PublicKeyCredentialRequestOptionsJSON;
  try {
    options = await passkeyOptionsForUser(context, adapter, taken.pending.userId, challenge);
  } catch (error) {
    await putBack(context, adapter, taken, { countTry: false, maxAttempts });
    throw error;
  }
  if (!options.allowCredentials?.length) {
    await putBack(context, adapter, taken, { countTry: false, maxAttempts });
    throw new SecondFactorFailed("No passkey is registered to this account: type a code from your authenticator app, or a backup code.");
  }
  await putBack(context, adapter, { ...taken, pending: { ...taken.pending, passkeyChallenge: challenge } }, { countTry: false, maxAttempts });
  return options;
}

/**
 * `POST /second-factor`: completes this browser's pending sign-in with `body.code` (a TOTP or backup code) or
 * `body.data` (a passkey's answer to this sign-in's options, as for a passkey sign-in). Throws `SecondFactorFailed` for a wrong try
 * (the pending sign-in stays, with a try fewer) and for a sign-in that is gone (expired, completed, or out of
 * tries: the user signs in again).
 */
export async function completeSecondFactor(context: RequestContext, twoFactor: ResolvedTwoFactor, body: Body): Promise<SignInOutcome> {
  const { adapter } = twoFactor;
  const proof = proofOf(context, body);
  let taken = await takeSignIn(context, adapter);
  // Not "ended": a concurrent try may hold it for a moment and put it back; an expired one's cookie expires with it.
  if (!taken) throw new SecondFactorFailed("This sign-in has expired or is already complete: sign in again.");
  const { userId, passkeyChallenge } = taken.pending;
  // A passkey's try spends the challenge, whatever its outcome: an answer is never checked twice.
  if (proof.passkey) taken = { ...taken, pending: { ...taken.pending, passkeyChallenge: undefined } };
  try {
    await limitSignIn(context, LIMIT_KEY, userId);
  } catch (error) {
    // Not a try: the sign-in waits, untouched, for the limit to pass.
    if (error instanceof RateLimited) await putBack(context, adapter, taken, { countTry: false, maxAttempts: twoFactor.maxAttempts });
    throw error;
  }
  const method = proof.passkey
    ? await passkeyProof(context, adapter, userId, proof.passkey, passkeyChallenge)
    : await verifySecondFactorCode(context.config.secrets, adapter, userId, proof.code);
  if (!method) throw await wrongTry(context, twoFactor, taken, proof);
  const user = await adapter.getUser(userId);
  if (!user) throw new SecondFactorFailed("This account no longer exists.", { ended: true });
  await clearSignInLimit(context, LIMIT_KEY, userId);

  const { pending } = taken;
  const remembered = body.remember && twoFactor.rememberSeconds ? [await rememberDevice(context, adapter, userId, twoFactor.rememberSeconds)] : [];
  const start: SessionStart = { ...pending, user, storedUser: user, amr: [...pending.amr, method] };
  const outcome = await startSession(context, start, pending.callbackUrl);
  return { redirectTo: outcome.redirectTo, cookies: [clearPendingCookie(context), ...remembered, ...outcome.cookies] };
}

/** "passkey" when `answer` is one of the user's passkeys answering this sign-in's challenge. */
async function passkeyProof(
  context: RequestContext,
  adapter: ResolvedTwoFactor["adapter"],
  userId: string,
  answer: AuthenticationResponseJSON,
  challenge: string | undefined,
): Promise<"passkey" | undefined> {
  if (!challenge) return undefined;
  try {
    await verifyPasskeyForUser(context, adapter, userId, answer, challenge);
    return "passkey";
  } catch (error) {
    if (error instanceof WebAuthnVerificationError) return undefined;
    throw error;
  }
}

async function wrongTry(context: RequestContext, twoFactor: ResolvedTwoFactor, taken: TakenSignIn, proof: Proof): Promise<SecondFactorFailed> {
  const waiting = await putBack(context, twoFactor.adapter, taken, { countTry: true, maxAttempts: twoFactor.maxAttempts });
  if (!waiting) return new SecondFactorFailed("Too many wrong tries: sign in again.", { ended: true });
  return proof.passkey
    ? new SecondFactorFailed("That passkey did not prove this sign-in (not one of this account's, or its answer was not for this sign-in): try again.")
    : new SecondFactorFailed("That code is not right, or was used already.");
}
