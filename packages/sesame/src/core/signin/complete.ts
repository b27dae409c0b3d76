/**
 * The last steps every sign-in shares, whatever proved the user's identity: ask the `signIn` callback, find
 * or create the user in the adapter (if there is one), hold the sign-in for a second factor when the user
 * has one, and start the session (start-session.ts).
 */
import type { RequestContext } from "../context.js";
import { AccessDenied } from "../errors.js";
import type { Account, AuthMethod, JWT, Profile, SignInUser, User } from "../types.js";
import { persistUser, type PersistedUser } from "./persist-user.js";
import { secondFactorGate } from "./second-factor.js";
import { startSession, type SessionStart, type SignInOutcome } from "./start-session.js";

export type { SignInOutcome } from "./start-session.js";

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
  /**
   * When the user authenticated, when that is not now: an OpenID Connect provider's `auth_time`, which may
   * be a login it re-used. Becomes the session's `auth_time`, so step-up sees the login's real age.
   */
  authTime?: number;
  /** The `signIn` callback already allowed this sign-in (an email-and-password sign-up asks before it creates the user). */
  callbackAsked?: boolean;
}

/**
 * Asks the app's `signIn` callback about a sign-in: `undefined` to go on, or the outcome of the redirect it
 * asked for instead; `AccessDenied` when it refuses.
 */
export async function askSignInCallback(
  context: RequestContext,
  params: Pick<SignInParams, "user" | "account" | "profile" | "credentials"> & { email?: { verificationRequest: true } },
): Promise<SignInOutcome | undefined> {
  const { callbacks } = context.config;
  const allowed = await callbacks.signIn(params);
  if (allowed === false) throw new AccessDenied("The signIn callback refused this user.");
  if (typeof allowed === "string") return { redirectTo: await callbacks.redirect({ url: allowed, baseUrl: context.origin }), cookies: [] };
  return undefined;
}

export async function completeSignIn(
  context: RequestContext,
  { allowEmailLinking = false, newUserName = null, persisted: given, amr: proven, authTime, callbackAsked = false, ...params }: SignInParams,
  callbackUrl: string,
  /** Claims Sesame itself needs in the token (e.g. what RP-initiated logout needs), added before `jwt` runs. */
  ownClaims: JWT = {},
): Promise<SignInOutcome> {
  const { adapter } = context.config;
  const { account, profile } = params;
  const amr = proven ?? [firstFactorOf(context, account)];
  const instead = callbackAsked ? undefined : await askSignInCallback(context, params);
  if (instead) return instead;

  const persisted: PersistedUser | undefined = given ?? (adapter && (await persistUser(context, adapter, params.user, account, { allowEmailLinking, newUserName })));
  // Without an adapter there is no stored user to keep a first sign-in's name: the session is the user.
  const user: User = persisted?.user ?? (newUserName && !params.user.name ? { ...params.user, name: newUserName } : params.user);
  const isNewUser = persisted?.isNewUser ?? false;
  const start: SessionStart = { user, storedUser: persisted?.user, account, profile, issuedTokens: params.user.tokens, isNewUser, amr, ownClaims, ...(authTime !== undefined && { authTime }) };
  // A passkey is two factors in one (the device, and the user verifying on it).
  if (context.config.twoFactor && persisted && !amr.includes("passkey")) {
    const gate = await secondFactorGate(context, context.config.twoFactor, start, callbackUrl);
    if (gate.held) return gate.held;
    return startSession(context, { ...start, amr: gate.amr }, callbackUrl);
  }
  return startSession(context, start, callbackUrl);
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
