/**
 * A signed-in user changes their password: the current one first, then the new one; other sessions end.
 * Always the current password, even right after a sign-in (OWASP ASVS 2.1.6): a recent sign-in may have been
 * made with something else (a provider that re-used its login, a passkey, a remembered device), and only the
 * password proves that whoever replaces it knew it.
 */
import type { RequestContext } from "../context.js";
import { emit } from "../events.js";
import type { Body } from "../http.js";
import type { ResolvedAccounts } from "../config/accounts.js";
import { accountMail, deliver, noticeHost } from "./mail.js";
import { hashNewPassword } from "./new-password.js";
import { reauthenticate } from "./reauthenticate.js";
import { endOtherSessions, signedInUser } from "./session.js";

/** Returns the cookies of this session (re-issued for JWT sessions, whose others were revoked). */
export async function changePassword(context: RequestContext, accounts: ResolvedAccounts, body: Body): Promise<string[]> {
  const signedIn = await signedInUser(context, accounts);
  await reauthenticate(context, accounts, signedIn, body.currentPassword);
  const hash = await hashNewPassword(accounts, body.newPassword);
  await accounts.adapter.setPasswordHash(signedIn.user.id, hash);
  const cookies = await endOtherSessions(context, accounts, signedIn);
  const { user } = signedIn;
  if (user.email) deliver(context, accounts, accountMail("password-changed", { to: user.email, host: noticeHost(context) }));
  await emit(context, "passwordChanged", { user });
  return [...signedIn.cookies, ...cookies];
}
