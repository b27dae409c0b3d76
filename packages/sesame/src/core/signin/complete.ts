/**
 * The last steps every sign-in shares, whatever proved the user's identity: ask the `signIn` callback, find
 * or create the user in the adapter (if there is one), hold the sign-in for a second factor when the user
 * has one, shape the token with the `jwt` callback, start the session (cookie or database), tell the
 * `signIn` event, and redirect.
 */
import type { AdapterUser } from "../adapter.js";
import type { RequestContext } from "../context.js";
import { AccessDenied } from "../errors.js";
import { emit } from "../events.js";
import { createDatabaseSession } from "../session/database-session.js";
import { issueSessionCookies } from "../session/jwt-session.js";
import type { Account, AuthMethod, JWT, Profile, SignInUser, User } from "../types.js";
import { keepUpstream } from "../upstream/kept.js";
import { fromAccount, fromIssued, upstreamOf } from "../upstream/tokens.js";
import { withoutAppManagedUpstream } from "../upstream/ownership.js";
import { persistUser, type PersistedUser } from "./persist-user.js";
import { secondFactorGate } from "./second-factor.js";

export interface SignInOutcome {
  /** Where to send the user: the vetted callback URL, or the URL the `signIn` callback chose. */
  redirectTo: string;
  cookies: string[];
}

export interface SignInParams {
  user: SignInUser;
  account: Account;
  profile?: Profile;
  credentials?: Record<string, string | undefined>;
  /** The provider lets accounts with a known email join that user (`allowDangerousEmailAccountLinking`). */
  allowEmailLinking?: boolean;
  /** A name the browser posted (Apple's `user`): only for a user this sign-in creates, only if the profile has none. */
  newUserName?: string | null;
  /** The stored user, when the sign-in already found or created it (an email-and-password sign-up, a passkey). */
  persisted?: PersistedUser;
  /** What the user proved themselves with, when the account's type does not say (a passkey). */
  amr?: AuthMethod[];
}

export async function completeSignIn(
  context: RequestContext,
  { allowEmailLinking = false, newUserName = null, persisted: given, amr: proven, ...params }: SignInParams,
  callbackUrl: string,
  /** Claims Sesame itself needs in the token (e.g. what RP-initiated logout needs), added before `jwt` runs. */
  ownClaims: JWT = {},
): Promise<SignInOutcome> {
  const { callbacks, adapter } = context.config;
  const { account, profile } = params;
  const amr = proven ?? [firstFactorOf(context, account)];
  const allowed = await callbacks.signIn(params);
  if (allowed === false) throw new AccessDenied("The signIn callback refused this user.");
  if (typeof allowed === "string") {
    return { redirectTo: await callbacks.redirect({ url: allowed, baseUrl: context.origin }), cookies: [] };
  }

  const persisted: PersistedUser | undefined = given ?? (adapter && (await persistUser(context, adapter, params.user, account, { allowEmailLinking, newUserName })));
  // Without an adapter there is no stored user to keep a first sign-in's name: the session is the user.
  const user: User = persisted?.user ?? (newUserName && !params.user.name ? { ...params.user, name: newUserName } : params.user);
  const isNewUser = persisted?.isNewUser ?? false;
  const start: SessionStart = { user, storedUser: persisted?.user, account, profile, issuedTokens: params.user.tokens, isNewUser, amr, ownClaims };
  // A passkey is two factors in one (the device, and the user verifying on it).
  if (context.config.twoFactor && persisted && !amr.includes("passkey")) {
    const gate = await secondFactorGate(context, context.config.twoFactor, start, callbackUrl);
    if (gate.held) return gate.held;
    return startSession(context, { ...start, amr: gate.amr }, callbackUrl);
  }
  return startSession(context, start, callbackUrl);
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
  ownClaims: JWT;
}

/**
 * Shapes the token with the `jwt` callback, starts the session (cookie or database), tells the `signIn`
 * event, and says where to go: the user's destination, or `pages.newUser` after a first sign-in.
 */
export async function startSession(context: RequestContext, { user, storedUser, account, profile, issuedTokens, isNewUser, amr, ownClaims }: SessionStart, callbackUrl: string): Promise<SignInOutcome> {
  const { callbacks, session, revocation } = context.config;
  // Bounded by `revocation.startTimeout`: with the store unreachable, the version is the one known here (0
  // before the first load), and the policy decides what the new session is worth until the state loads.
  if (revocation && !revocation.ready) await revocation.start();
  const version = revocation && user.id ? { ver: revocation.versionOf(user.id) } : {};
  const upstream = account.type === "credentials" ? issuedTokens && fromIssued(account.provider, issuedTokens) : fromAccount(account);
  const initial: JWT = { name: user.name, email: user.email, picture: user.image, sub: user.id, ...version, ...(upstream && { upstream }), amr, auth_time: Math.floor(Date.now() / 1000), ...ownClaims };
  const shaped = await callbacks.jwt({ token: initial, user, account, profile, trigger: isNewUser ? "signUp" : "signIn", isNewUser });
  if (!shaped) throw new AccessDenied("The jwt callback returned no token on sign-in.");
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

/** What an account's sign-in proved: its type, and for credentials whether they are Sesame's own password accounts. */
function firstFactorOf(context: RequestContext, account: Account): AuthMethod {
  switch (account.type) {
    case "credentials":
      return context.config.accounts?.provider.id === account.provider ? "password" : "credentials";
    case "webauthn":
      return "passkey";
    case "email":
      return "email";
    default:
      return "oauth";
  }
}
