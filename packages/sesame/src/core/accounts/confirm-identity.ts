/**
 * Proof, before a change to what protects the account (a second factor enrolled or removed, the email moved
 * elsewhere), that the person at the keyboard is the account's owner and not someone who found the session
 * open: the password (for users who have one), or a code of the second factor (for users who have one), or
 * a sign-in within the last `recentSeconds`. A proof that is sent is checked, even when the sign-in is
 * recent: a wrong one is refused, never ignored. Tries count against the user, so a stolen session cannot be
 * used to guess.
 *
 * Not for a password change, which always asks for the current password (see change-password.ts).
 */
import type { RequestContext } from "../context.js";
import { CredentialsSignin, ReauthenticationRequired } from "../errors.js";
import type { Body } from "../http.js";
import { verifySecondFactorCode } from "../mfa/verify.js";
import { limitSignIn } from "../rate-limit/limit.js";
import { isRecentAuthentication } from "../session/authentication-claims.js";
import { reauthenticate } from "./reauthenticate.js";
import type { SignedIn } from "./session.js";

export async function confirmIdentity(context: RequestContext, signedIn: SignedIn, body: Body, recentSeconds: number): Promise<void> {
  const { user, token } = signedIn;
  const { password, code } = body;
  const { accounts, twoFactor } = context.config;
  if (typeof password === "string" && password && accounts) return reauthenticate(context, accounts, signedIn, password);
  if (typeof code === "string" && code && twoFactor) {
    await limitSignIn(context, "second-factor", user.id);
    if (await verifySecondFactorCode(context.config.secrets, twoFactor.adapter, user.id, code)) return;
    throw new CredentialsSignin("That code is not right, or was used already.");
  }
  if (isRecentAuthentication(token, recentSeconds)) return;
  const proofs = [accounts && "your password", twoFactor && "a code from your authenticator app"].filter(Boolean).join(" or ");
  throw new ReauthenticationRequired(`Confirm it is you: ${proofs ? `send ${proofs}, or ` : ""}sign in again.`);
}
