/**
 * A signed-in user moves their account to another address: proof that it is them first (the password, a
 * code of their second factor, or a sign-in within `reauthenticateAfter`: see confirm-identity.ts), then a
 * link (or a code, with `verifyWith: "code"`) to the new address, which becomes theirs (verified) when
 * followed. The answer is the same whether the new address is free or another account's (whose owner is
 * told instead), and the old address hears of the change.
 */
import type { RequestContext } from "../context.js";
import { InvalidRequest, Verification } from "../errors.js";
import { emit } from "../events.js";
import type { Body } from "../http.js";
import { linkOrigin } from "../link-origin.js";
import { resolveCallbackUrl } from "../callback-url.js";
import { issueSessionCookies } from "../session/jwt-session.js";
import { readSession } from "../session/read.js";
import type { SignInOutcome } from "../signin/complete.js";
import { releaseUnprovenEmail } from "../signin/persist-user.js";
import type { JWT } from "../types.js";
import type { ResolvedAccounts } from "../config/accounts.js";
import { mailAddressProof, proofPage } from "./address-proof.js";
import { confirmIdentity } from "./confirm-identity.js";
import { accountMail, deliver, noticeHost } from "./mail.js";
import { signedInUser } from "./session.js";
import { typedEmail } from "./typed-email.js";

/** Mails the new address its confirmation link; returns the "check your email" page. */
export async function requestEmailChange(context: RequestContext, accounts: ResolvedAccounts, body: Body): Promise<string> {
  const origin = linkOrigin(context);
  const signedIn = await signedInUser(context, accounts);
  // A recent sign-in is proof enough here (users without a password, who signed in with a provider or a
  // passkey, can move too); the password, when sent, must be right.
  await confirmIdentity(context, signedIn, body, accounts.reauthenticateAfterSeconds);
  const { provider, adapter } = accounts;
  const email = await typedEmail(context, accounts, `${provider.id}/change-email`, body.email);
  if (email === signedIn.user.email) throw new InvalidRequest("That is already the account's email.");
  const host = new URL(origin).host;
  const holder = await adapter.getUserByEmail(email);
  if (holder?.emailVerified) {
    deliver(context, accounts, accountMail("email-in-use", { to: email, host }));
  } else {
    const callbackUrl = await resolveCallbackUrl(context, body.callbackUrl, origin);
    await mailAddressProof(context, accounts, { purpose: "change", email, state: { sub: signedIn.user.id, callbackUrl }, kind: "confirm-new-email", origin });
  }
  return proofPage(context, accounts, "change", email);
}

/**
 * The new address proved: it becomes the user's. Returns where to go next, and the cookies of this
 * browser's JWT session re-issued with the new address when it is the user's own (see `withNewEmail`).
 */
export async function completeEmailChange(context: RequestContext, accounts: ResolvedAccounts, email: string, state: JWT): Promise<SignInOutcome> {
  const { adapter } = accounts;
  const user = typeof state.sub === "string" ? await adapter.getUser(state.sub) : null;
  if (!user) throw new Verification("The account this link was for no longer exists.");
  const holder = await adapter.getUserByEmail(email);
  if (holder && holder.id !== user.id) {
    if (holder.emailVerified) throw new Verification("This address belongs to another account now.");
    await releaseUnprovenEmail(context, adapter, holder);
  }
  const previousEmail = user.email;
  const updated = await adapter.updateUser({ id: user.id, email, emailVerified: new Date() });
  if (previousEmail && previousEmail !== email) {
    deliver(context, accounts, accountMail("email-changed", { to: previousEmail, host: noticeHost(context), newEmail: email }));
  }
  await emit(context, "emailChanged", { user: updated, previousEmail });
  const redirectTo = await resolveCallbackUrl(context, typeof state.callbackUrl === "string" ? state.callbackUrl : undefined);
  return { redirectTo, cookies: await withNewEmail(context, user.id, email) };
}

/**
 * A JWT session carries the address it was issued with. When the browser confirming the change holds the
 * user's own session, that session is issued again with the new address (same id, same expiry), so the page
 * the link returns to shows it. Other browsers' sessions keep the old one until their next sign-in, as under
 * NextAuth. Database sessions read the user afresh and need nothing. The change is already made: if this
 * session cannot be read (revocation state not current, say), it just keeps the old address.
 */
async function withNewEmail(context: RequestContext, userId: string, email: string): Promise<string[]> {
  if (context.config.session.strategy !== "jwt") return [];
  const { token } = await readSession(context, { tokenOnly: true }).catch(() => ({ token: null }));
  // Only a token that carries the address gets the new one: a `jwt` callback that dropped it meant to.
  if (!token || token.sub !== userId || typeof token.email !== "string") return [];
  const { cookies } = await issueSessionCookies(context, { ...token, email }, token.exp);
  return cookies;
}
