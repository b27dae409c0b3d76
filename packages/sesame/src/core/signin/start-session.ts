/**
 * Starting the session of a sign-in whose factors are all proven: the `jwt` callback shapes the token, the
 * session starts (cookie or database row), the `signIn` event is told, and the user is sent on.
 */
import type { AdapterUser } from "../adapter.js";
import type { RequestContext } from "../context.js";
import { nowSeconds } from "../clock.js";
import { AccessDenied } from "../errors.js";
import { emit } from "../events.js";
import { createDatabaseSession } from "../session/database-session.js";
import { issueSessionCookies } from "../session/jwt-session.js";
import type { Account, AuthMethod, JWT, Profile, SignInUser, User } from "../types.js";
import { keepUpstream } from "../upstream/kept.js";
import { fromAccount, fromIssued, upstreamOf } from "../upstream/tokens.js";
import { withoutAppManagedUpstream } from "../upstream/ownership.js";
import { keepAuthenticationClaims, tokenForCallbacks } from "../session/authentication-claims.js";

export interface SignInOutcome {
  /** Where to send the user: the vetted callback URL, or the URL the `signIn` callback chose. */
  redirectTo: string;
  cookies: string[];
}

/** What starting a session takes, once every factor the user needs is proven. */
export interface SessionStart {
  user: User;
  /** The user as stored, when there is an adapter (database sessions are its rows). */
  storedUser: AdapterUser | undefined;
  account: Account;
  profile?: Profile;
  /** Tokens a credentials `authorize` returned with its user. */
  issuedTokens?: SignInUser["tokens"];
  isNewUser: boolean;
  amr: AuthMethod[];
  /** When the user authenticated (seconds), when not now: the provider's `auth_time`. Default: now. */
  authTime?: number;
  ownClaims: JWT;
}

/**
 * Shapes the token with the `jwt` callback, starts the session (cookie or database), tells the `signIn`
 * event, and says where to go: the user's destination, or `pages.newUser` after a first sign-in.
 */
export async function startSession(context: RequestContext, { user, storedUser, account, profile, issuedTokens, isNewUser, amr, authTime = nowSeconds(), ownClaims }: SessionStart, callbackUrl: string): Promise<SignInOutcome> {
  const { callbacks, session, revocation } = context.config;
  // Bounded by `revocation.startTimeout`: with the store unreachable, the version is the one known here (0
  // before the first load), and the policy decides what the new session is worth until the state loads.
  if (revocation && !revocation.ready) await revocation.start();
  const version = revocation && user.id ? { ver: revocation.versionOf(user.id) } : {};
  const upstream = account.type === "credentials" ? issuedTokens && fromIssued(account.provider, issuedTokens) : fromAccount(account);
  const initial: JWT = { name: user.name, email: user.email, picture: user.image, sub: user.id, ...version, ...(upstream && { upstream }), amr, auth_time: authTime, ...ownClaims };
  const returned = await callbacks.jwt({ token: tokenForCallbacks(initial, session.exposeAuthentication), user, account, profile, trigger: isNewUser ? "signUp" : "signIn", isNewUser });
  if (!returned) throw new AccessDenied("The jwt callback returned no token on sign-in.");
  const shaped = keepAuthenticationClaims(returned, initial);
  // An app that keeps the refresh token in its own claims refreshes it itself: Sesame keeps no second copy.
  const kept = withoutAppManagedUpstream(context, shaped);
  // With `tokens.store`, the upstream tokens go there and the cookie keeps a reference (a store that fails
  // fails the sign-in: no session half-made).
  const inline = session.strategy === "jwt" && context.config.tokens.store ? upstreamOf(kept) : undefined;
  const token = inline ? await keepUpstream(context, kept, inline) : kept;

  const cookies =
    session.strategy === "database" && storedUser
      ? await createDatabaseSession(context, storedUser, token)
      : (await issueSessionCookies(context, token)).cookies;
  await emit(context, "signIn", { user, account, profile, isNewUser });
  return { redirectTo: isNewUser ? newUserPage(context, callbackUrl) : callbackUrl, cookies };
}

/**
 * `pages.newUser`, as next-auth sends a user there after their first sign-in: the app's page, with the
 * destination they asked for as `callbackUrl`. Without it, the destination itself.
 */
function newUserPage(context: RequestContext, callbackUrl: string): string {
  const { newUser } = context.config.pages;
  if (!newUser) return callbackUrl;
  const url = new URL(newUser, context.origin);
  url.searchParams.set("callbackUrl", callbackUrl);
  return url.href;
}
