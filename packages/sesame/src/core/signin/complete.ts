/**
 * The last steps every sign-in shares, whatever proved the user's identity: ask the `signIn` callback, shape
 * the token with the `jwt` callback, issue the session cookie, tell the `signIn` event, and redirect.
 */
import type { RequestContext } from "../context.js";
import { AccessDenied } from "../errors.js";
import { emit } from "../events.js";
import { issueSessionCookies } from "../session/jwt-session.js";
import type { Account, JWT, Profile, User } from "../types.js";

export interface SignInOutcome {
  /** Where to send the user: the vetted callback URL, or the URL the `signIn` callback chose. */
  redirectTo: string;
  cookies: string[];
}

export async function completeSignIn(
  context: RequestContext,
  params: { user: User; account: Account; profile?: Profile; credentials?: Record<string, string | undefined> },
  callbackUrl: string,
  /** Claims Sesame itself needs in the token (e.g. what RP-initiated logout needs), added before `jwt` runs. */
  ownClaims: JWT = {},
): Promise<SignInOutcome> {
  const { callbacks } = context.config;
  const { user, account, profile } = params;
  const allowed = await callbacks.signIn(params);
  if (allowed === false) throw new AccessDenied("The signIn callback refused this user.");
  if (typeof allowed === "string") {
    return { redirectTo: await callbacks.redirect({ url: allowed, baseUrl: context.origin }), cookies: [] };
  }

  const initial: JWT = { name: user.name, email: user.email, picture: user.image, sub: user.id, ...ownClaims };
  const token = await callbacks.jwt({ token: initial, user, account, profile, trigger: "signIn", isNewUser: false });
  if (!token) throw new AccessDenied("The jwt callback returned no token on sign-in.");

  const { cookies } = await issueSessionCookies(context, token);
  await emit(context, "signIn", { user, account, profile, isNewUser: false });
  return { redirectTo: callbackUrl, cookies };
}
