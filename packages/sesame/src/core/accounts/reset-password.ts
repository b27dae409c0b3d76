/**
 * Password reset by emailed link. The request answers the same for every address, and does the same work
 * (a token is written whether or not the address has an account; only an owner is mailed the link). The
 * link sets a new password once, only while the password it was issued for is still the current one (a
 * later change or reset voids every older link), and ends every session of the user: whoever else held one
 * — the reason for many resets — is signed out, JWT sessions included (through revocation).
 */
import { sha256 } from "#digest";
import { clearSignInLimit, limitSignIn } from "../rate-limit/limit.js";
import { timingSafeEqual } from "../compare.js";
import type { RequestContext } from "../context.js";
import { Verification } from "../errors.js";
import { emit } from "../events.js";
import type { Body } from "../http.js";
import { linkOrigin } from "../link-origin.js";
import { endAllSessionsOf } from "../session/management.js";
import { resolveCallbackUrl } from "../callback-url.js";
import { signInPageUrl } from "../urls.js";
import type { ResolvedAccounts } from "../config/accounts.js";
import { checkEmailPage, mailedLink } from "./links.js";
import { accountMail, deliver, noticeHost } from "./mail.js";
import { hashNewPassword } from "./new-password.js";
import { issueAccountToken, spendAccountToken } from "./tokens.js";
import { typedEmail } from "./typed-email.js";

/** Which password a link was issued for: a digest of its hash (of nothing, for a user without one). */
async function passwordFingerprint(hash: string | null): Promise<string> {
  return (await sha256(`sesame.reset\n${hash ?? ""}`)).slice(0, 22);
}

/** Mails a reset link to the address's verified owner; returns the "check your email" page. */
export async function requestPasswordReset(context: RequestContext, accounts: ResolvedAccounts, body: Body): Promise<string> {
  const origin = linkOrigin(context);
  const { provider, adapter } = accounts;
  const email = await typedEmail(context, accounts, `${provider.id}/reset`, body.email);
  const user = await adapter.getUserByEmail(email);
  // Only a verified address: a reset link is a sign-in, and an unproven claim on an address is no account of its owner's.
  const owner = user?.emailVerified ? user : null;
  const hash = owner ? await adapter.getPasswordHash(owner.id) : null;
  const callbackUrl = await resolveCallbackUrl(context, body.callbackUrl, origin);
  const state = { sub: owner?.id ?? "", fp: await passwordFingerprint(hash), callbackUrl };
  const token = await issueAccountToken(context, accounts, { purpose: "reset", email, state, maxAge: provider.accounts.resetMaxAge });
  if (owner) {
    const url = mailedLink(context, origin, "reset-password", { email, token });
    deliver(context, accounts, accountMail("reset", { to: email, host: new URL(origin).host, url }));
  }
  return checkEmailPage(context, "reset");
}

/** Sets the new password the link's owner chose, ends all their sessions; returns the sign-in page. */
export async function resetPassword(context: RequestContext, accounts: ResolvedAccounts, body: Body): Promise<string> {
  const { provider, adapter } = accounts;
  const email = typeof body.email === "string" ? body.email : "";
  // Each attempt costs a hash: counted per IP like a sign-in.
  await limitSignIn(context, `${provider.id}/reset-password`, undefined);
  // Checked before the link is spent, so a refused password leaves it usable for a better one.
  const hash = await hashNewPassword(accounts, body.password);
  const state = await spendAccountToken(context, accounts, { purpose: "reset", email, token: body.token });
  const user = typeof state.sub === "string" && state.sub ? await adapter.getUser(state.sub) : null;
  if (!user || user.email !== email || !user.emailVerified) throw new Verification("This reset link is no longer valid.");
  if (!timingSafeEqual(await passwordFingerprint(await adapter.getPasswordHash(user.id)), String(state.fp))) {
    throw new Verification("This reset link was issued before the password last changed: ask for a new one.");
  }
  await adapter.setPasswordHash(user.id, hash);
  await endAllSessionsOf(context.config, user.id);
  // Locked out by guesses, the owner who proved the address may sign in at once.
  await clearSignInLimit(context, provider.id, email);
  deliver(context, accounts, accountMail("password-changed", { to: email, host: noticeHost(context) }));
  await emit(context, "passwordReset", { user });
  const callbackUrl = await resolveCallbackUrl(context, typeof state.callbackUrl === "string" ? state.callbackUrl : undefined);
  return signInPageUrl(context, { callbackUrl });
}
