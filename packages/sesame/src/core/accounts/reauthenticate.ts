/**
 * Proof that the person at the keyboard is the account's owner, not someone who found the session open:
 * the current password, before the password changes (and, when sent, before the other changes that ask for
 * a proof: confirm-identity.ts). Attempts count against the user, so a stolen session cannot be used to
 * guess the password.
 */
import type { RequestContext } from "../context.js";
import { CredentialsSignin, InvalidRequest } from "../errors.js";
import { limitSignIn } from "../rate-limit/limit.js";
import type { ResolvedAccounts } from "../config/accounts.js";
import type { SignedIn } from "./session.js";

export async function reauthenticate(context: RequestContext, accounts: ResolvedAccounts, { user }: SignedIn, password: string | undefined): Promise<void> {
  const { provider, adapter } = accounts;
  await limitSignIn(context, `${provider.id}/reauthenticate`, user.id);
  const hash = await adapter.getPasswordHash(user.id);
  if (!hash) throw new InvalidRequest("This account has no password yet: set one with a reset link (\"Forgot your password?\").");
  if (!(await provider.accounts.verify(typeof password === "string" ? password : "", hash))) {
    throw new CredentialsSignin("The current password is not correct.");
  }
}
