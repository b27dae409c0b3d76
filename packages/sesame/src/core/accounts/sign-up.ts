/**
 * Sign-up with email and password, in two steps so that it reveals nothing and takes over nothing:
 *
 * 1. `POST /signup/:provider` checks and hashes the password, and mails the address a link (or a code, with
 *    `verifyWith: "code"`). Nothing is created yet: the pending account (name, hash, destination) is sealed
 *    beside the link's token or the code. An address that already has an account gets a "you already have
 *    an account" email instead, and the answer is the same: the form cannot be used to learn who is
 *    registered.
 * 2. Following the link, or typing the code (`POST /verify-email`), proves the address: the user is
 *    created with the address verified, and signed in.
 *
 * Nobody can hold an address they do not control: a sign-up that is never confirmed leaves no user, and one
 * confirmed releases the address from any user that only claimed it (as an OAuth profile can).
 */
import type { RequestContext } from "../context.js";
import { emit } from "../events.js";
import type { Body } from "../http.js";
import { linkOrigin } from "../link-origin.js";
import { resolveCallbackUrl } from "../callback-url.js";
import { askSignInCallback, completeSignIn, type SignInOutcome } from "../signin/complete.js";
import { releaseUnprovenEmail } from "../signin/persist-user.js";
import { Verification } from "../errors.js";
import type { JWT } from "../types.js";
import type { ResolvedAccounts } from "../config/accounts.js";
import { mailAddressProof, proofPage } from "./address-proof.js";
import { mailedLink } from "./links.js";
import { accountMail, deliver } from "./mail.js";
import { hashNewPassword } from "./new-password.js";
import { typedEmail } from "./typed-email.js";

/** Longer names are cut: a display name, not a document. */
const MAX_NAME_LENGTH = 200;

/** Step 1: mails the link (or the "you have an account" note); returns the "check your email" page. */
export async function requestSignUp(context: RequestContext, accounts: ResolvedAccounts, body: Body): Promise<string> {
  const origin = linkOrigin(context);
  const { provider, adapter } = accounts;
  const email = await typedEmail(context, accounts, `${provider.id}/signup`, body.email);
  // The app's `signIn` callback may refuse the address before anything is sent; it is asked the same about
  // a free and a taken address, so its answer tells nothing of who is registered.
  const instead = await askSignInCallback(context, {
    user: { id: email, email },
    account: { provider: provider.id, type: "credentials", providerAccountId: email },
    email: { verificationRequest: true },
  });
  if (instead) return instead.redirectTo;
  const hash = await hashNewPassword(accounts, body.password);
  const callbackUrl = await resolveCallbackUrl(context, body.callbackUrl, origin);
  const name = typeof body.name === "string" && body.name.trim() ? body.name.trim().slice(0, MAX_NAME_LENGTH) : null;
  const host = new URL(origin).host;
  const existing = await adapter.getUserByEmail(email);
  if (existing?.emailVerified) {
    deliver(context, accounts, accountMail("account-exists", { to: email, host, url: mailedLink(context, origin, "reset-password", {}) }));
  } else {
    await mailAddressProof(context, accounts, { purpose: "signup", email, state: { name, hash, callbackUrl }, kind: "verify-signup", origin });
  }
  return proofPage(context, accounts, "signup", email);
}

/** Step 2: the link's state proved the address; creates the user and signs them in. */
export async function completeSignUp(context: RequestContext, accounts: ResolvedAccounts, email: string, state: JWT): Promise<SignInOutcome> {
  const { provider, adapter } = accounts;
  if (typeof state.hash !== "string") throw new Verification("The link is damaged.");
  const existing = await adapter.getUserByEmail(email);
  if (existing?.emailVerified) throw new Verification("This address already has an account: sign in instead.");
  // Someone claimed the address without proving it (an OAuth profile that does not vouch for it): it is the owner's now.
  if (existing) await releaseUnprovenEmail(context, adapter, existing);
  const name = typeof state.name === "string" ? state.name : null;
  // The app's `signIn` callback decides before anything is written: a refused address gets no account. The
  // user has no id yet: as in Auth.js's email sign-in of a new user, it and the account's id are the email.
  const instead = await askSignInCallback(context, {
    user: { id: email, name, email, image: null, emailVerified: true },
    account: { provider: provider.id, type: "credentials", providerAccountId: email },
  });
  if (instead) return instead;
  const { user, created } = await adapter.createUserWithPassword({ name, email, emailVerified: new Date(), image: null }, state.hash);
  if (!created) throw new Verification("This address already has an account: sign in instead.");
  await emit(context, "createUser", { user });
  await emit(context, "userCreated", { user, provider: provider.id });
  const callbackUrl = await resolveCallbackUrl(context, typeof state.callbackUrl === "string" ? state.callbackUrl : undefined);
  return completeSignIn(
    context,
    {
      user: { id: user.id, name: user.name, email: user.email, image: user.image, emailVerified: true },
      account: { provider: provider.id, type: "credentials", providerAccountId: user.id },
      persisted: { user, isNewUser: true },
      callbackAsked: true,
    },
    callbackUrl,
  );
}
