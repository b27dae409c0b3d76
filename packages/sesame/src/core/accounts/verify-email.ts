/**
 * A signed-in user whose address is not verified (a credentials user, an OAuth profile that did not vouch
 * for it) proves it: a link to the address (or a code, with `verifyWith: "code"`), which marks it verified
 * when followed (or typed).
 */
import type { RequestContext } from "../context.js";
import { Verification } from "../errors.js";
import { emit } from "../events.js";
import type { Body } from "../http.js";
import { linkOrigin } from "../link-origin.js";
import { limitSignIn } from "../rate-limit/limit.js";
import { resolveCallbackUrl } from "../callback-url.js";
import type { JWT } from "../types.js";
import type { ResolvedAccounts } from "../config/accounts.js";
import { mailAddressProof, proofPage } from "./address-proof.js";
import { signedInUser } from "./session.js";

/** Mails the link (or code) when the user's address is unverified; returns the "check your email" page either way. */
export async function requestEmailVerification(context: RequestContext, accounts: ResolvedAccounts, body: Body): Promise<string> {
  const origin = linkOrigin(context);
  const { user } = await signedInUser(context, accounts);
  await limitSignIn(context, `${accounts.provider.id}/verify-email`, user.id);
  if (user.email && !user.emailVerified) {
    const callbackUrl = await resolveCallbackUrl(context, body.callbackUrl, origin);
    const { email } = user;
    await mailAddressProof(context, accounts, { purpose: "verify", email, state: { sub: user.id, callbackUrl }, kind: "verify-email", origin });
  }
  return proofPage(context, accounts, "verify", user.email ?? "");
}

/** The link was followed: the address is verified, if it is still the user's. Returns where to go next. */
export async function completeEmailVerification(context: RequestContext, accounts: ResolvedAccounts, email: string, state: JWT): Promise<string> {
  const user = typeof state.sub === "string" ? await accounts.adapter.getUser(state.sub) : null;
  if (!user || user.email !== email) throw new Verification("This link is for an address the account no longer has.");
  if (!user.emailVerified) {
    const verified = await accounts.adapter.updateUser({ id: user.id, emailVerified: new Date() });
    await emit(context, "emailVerified", { user: verified });
  }
  return resolveCallbackUrl(context, typeof state.callbackUrl === "string" ? state.callbackUrl : undefined);
}
