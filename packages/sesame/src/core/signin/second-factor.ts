/**
 * The second factor of a sign-in. After the first factor, a user who enrolled one is held: no session, a
 * pending sign-in (see mfa/pending.ts) and a redirect to the second-factor page; unless this browser is a
 * device they asked to be remembered. The page posts a code; a right one starts the session the first
 * factor would have, with both factors in `amr`. Wrong codes count against the pending sign-in (it dies after
 * `maxAttempts`), and against the user and the client's IP in the sign-in rate limit.
 */
import type { RequestContext } from "../context.js";
import type { ResolvedTwoFactor } from "../config/two-factor.js";
import { RateLimited, SecondFactorFailed } from "../errors.js";
import type { Body } from "../http.js";
import { hasSecondFactor, userFactors } from "../mfa/factors.js";
import { clearPendingCookie, holdSignIn, putBack, takeSignIn, type TakenSignIn } from "../mfa/pending.js";
import { recognisedDevice, rememberDevice } from "../mfa/remembered-device.js";
import { looksLikeSecondFactorCode, verifySecondFactorCode } from "../mfa/verify.js";
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

/**
 * `POST /second-factor`: completes this browser's pending sign-in with `body.code`. Throws
 * `SecondFactorFailed` for a wrong code (the pending sign-in stays, with a try fewer) and for a sign-in that
 * is gone (expired, completed, or out of tries: the user signs in again).
 */
export async function completeSecondFactor(context: RequestContext, twoFactor: ResolvedTwoFactor, body: Body): Promise<SignInOutcome> {
  const { adapter } = twoFactor;
  // Input that cannot be a code touches nothing: no lookup, and no try of the user's spent on a typo.
  if (!looksLikeSecondFactorCode(body.code)) throw new SecondFactorFailed("Type the 6-digit code from your authenticator app, or a backup code.");
  const taken = await takeSignIn(context, adapter);
  if (!taken) throw new SecondFactorFailed("This sign-in has expired or is already complete: sign in again.");
  const { userId } = taken.pending;
  try {
    await limitSignIn(context, LIMIT_KEY, userId);
  } catch (error) {
    // Not a try: the sign-in waits, untouched, for the limit to pass.
    if (error instanceof RateLimited) await putBack(context, adapter, taken, { countTry: false, maxAttempts: twoFactor.maxAttempts });
    throw error;
  }
  const method = await verifySecondFactorCode(context.config.secrets, adapter, userId, body.code);
  if (!method) throw await wrongCode(context, twoFactor, taken);
  const user = await adapter.getUser(userId);
  if (!user) throw new SecondFactorFailed("This account no longer exists.");
  await clearSignInLimit(context, LIMIT_KEY, userId);

  const { pending } = taken;
  const remembered = body.remember && twoFactor.rememberSeconds ? [await rememberDevice(context, adapter, userId, twoFactor.rememberSeconds)] : [];
  const start: SessionStart = { ...pending, user, storedUser: user, amr: [...pending.amr, method] };
  const outcome = await startSession(context, start, pending.callbackUrl);
  return { redirectTo: outcome.redirectTo, cookies: [clearPendingCookie(context), ...remembered, ...outcome.cookies] };
}

async function wrongCode(context: RequestContext, twoFactor: ResolvedTwoFactor, taken: TakenSignIn): Promise<SecondFactorFailed> {
  const waiting = await putBack(context, twoFactor.adapter, taken, { countTry: true, maxAttempts: twoFactor.maxAttempts });
  return waiting
    ? new SecondFactorFailed("That code is not right, or was used already.")
    : new SecondFactorFailed("Too many wrong codes: sign in again.");
}
