/**
 * Proof, before a factor is enrolled or removed, that the person at the keyboard is the account's owner and
 * not someone who found the session open: a sign-in within `twoFactor.reauthenticateAfter` seconds, or the
 * password (for users who have one), or a code of the second factor (for users who have one). Tries count
 * against the user, so a stolen session cannot be used to guess.
 */
import type { RequestContext } from "../context.js";
import type { ResolvedTwoFactor } from "../config/two-factor.js";
import { CredentialsSignin, ReauthenticationRequired } from "../errors.js";
import type { Body } from "../http.js";
import { verifySecondFactorCode } from "../mfa/verify.js";
import { limitSignIn } from "../rate-limit/limit.js";
import { isRecentAuthentication } from "../session/authentication-claims.js";
import type { SignedIn } from "./session.js";

export async function requireRecentAuth(context: RequestContext, twoFactor: ResolvedTwoFactor, { user, token }: SignedIn, body: Body): Promise<void> {
  if (isRecentAuthentication(token, twoFactor.reauthenticateAfterSeconds)) return;
  const { password, code } = body;
  const accounts = context.config.accounts;
  if (typeof password === "string" && password && accounts) {
    await limitSignIn(context, `${accounts.provider.id}/reauthenticate`, user.id);
    const hash = await accounts.adapter.getPasswordHash(user.id);
    if (hash && (await accounts.provider.accounts.verify(password, hash))) return;
    throw new CredentialsSignin("The password is not correct.");
  }
  if (typeof code === "string" && code) {
    await limitSignIn(context, "second-factor", user.id);
    if (await verifySecondFactorCode(context.config.secrets, twoFactor.adapter, user.id, code)) return;
    throw new CredentialsSignin("That code is not right, or was used already.");
  }
  throw new ReauthenticationRequired("Confirm it is you: send your password (or a code from your authenticator app), or sign in again.");
}
