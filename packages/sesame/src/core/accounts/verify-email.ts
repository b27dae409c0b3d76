/**
 * A signed-in user whose address is not verified (a credentials user, an OAuth profile that did not vouch
 * for it) proves it: a link to the address, which marks it verified when followed.
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
import { checkEmailPage, mailedLink } from "./links.js";
import { accountMail, deliver } from "./mail.js";
import { signedInUser } from "./session.js";
import { issueAccountToken } from "./tokens.js";

/** Mails the link when the user's address is unverified; returns the "check your email" page either way. */
export async function requestEmailVerification(context: RequestContext, accounts: ResolvedAccounts, body: Body): Promise<string> {
  const origin = linkOrigin(context);
  const { user } = await signedInUser(context, accounts);
  await limitSignIn(context, `${accounts.provider.id}/verify-email`, user.id);
  if (user.email && !user.emailVerified) {
    const callbackUrl = await resolveCallbackUrl(context, body.callbackUrl, origin);
    const { email } = user;
    const token = await issueAccountToken(context, accounts, { purpose: "verify", email, state: { sub: user.id, callbackUrl }, maxAge: accounts.provider.accounts.verifyMaxAge });
    deliver(context, accounts, accountMail("verify-email", { to: email, host: new URL(origin).host, url: mailedLink(context, origin, "verify-email", { purpose: "verify", email, token }) }));
  }
  return checkEmailPage(context, "verify");
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
