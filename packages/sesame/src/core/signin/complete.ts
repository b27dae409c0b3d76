/**
 * The last steps every sign-in shares, whatever proved the user's identity: ask the `signIn` callback, find
 * or create the user in the adapter (if there is one), shape the token with the `jwt` callback, start the
 * session (cookie or database), tell the `signIn` event, and redirect.
 */
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
  const { callbacks, adapter, session } = context.config;
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
  const { revocation } = context.config;
  // Bounded by `revocation.startTimeout`: with the store unreachable, the version is the one known here (0
  // before the first load), and the policy decides what the new session is worth until the state loads.
  if (revocation && !revocation.ready) await revocation.start();
  const version = revocation && user.id ? { ver: revocation.versionOf(user.id) } : {};
  const upstream = account.type === "credentials" ? params.user.tokens && fromIssued(account.provider, params.user.tokens) : fromAccount(account);
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
    session.strategy === "database" && persisted
      ? await createDatabaseSession(context, persisted.user, token)
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
