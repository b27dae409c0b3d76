/**
 * The account routes' view of the session: who is signed in (they act on that user only, never on an id
 * the request names), and signing out everyone else after a credential changed.
 */
import type { Adapter, AdapterUser } from "../adapter.js";
import type { RequestContext } from "../context.js";
import { SessionRequired } from "../errors.js";
import { sessionCookieParts } from "../session/database-session.js";
import { issueSessionCookies } from "../session/jwt-session.js";
import { readSession } from "../session/read.js";
import type { JWT } from "../types.js";
import type { ResolvedAccounts } from "../config/accounts.js";

export interface SignedIn {
  user: AdapterUser;
  /** The session token (JWT sessions) or the session's data with `sub` (database sessions). */
  token: JWT;
  /** The database session's id. */
  sessionId: string | undefined;
  /** Cookies the read renewed, for the response. */
  cookies: string[];
}

/**
 * The signed-in user, read afresh from the adapter (the accounts', the passkeys': any with users). Throws
 * `SessionRequired` without a valid session.
 */
export async function signedInUser(context: RequestContext, { adapter }: { adapter: Adapter }): Promise<SignedIn> {
  const { token, cookies } = await readSession(context, { tokenOnly: true });
  const user = token?.sub ? await adapter.getUser(token.sub) : null;
  if (!token || !user) throw new SessionRequired("Sign in first: this needs a signed-in user.");
  const sessionId = context.config.session.strategy === "database" ? sessionCookieParts(context)?.id : undefined;
  return { user, token, sessionId, cookies };
}

/**
 * Ends every session of the user but this request's, after the password changed: database sessions are
 * deleted; JWT sessions are revoked, and this one is issued again under the user's new token version.
 * Returns the cookies of this session as re-issued.
 */
export async function endOtherSessions(context: RequestContext, accounts: ResolvedAccounts, { user, token, sessionId }: SignedIn): Promise<string[]> {
  const { config } = context;
  if (config.session.strategy === "database") {
    await accounts.adapter.deleteSessions(user.id, sessionId ? { except: sessionId } : {});
    return [];
  }
  const { revocation } = config;
  // resolveAccounts refuses JWT sessions without revocation, so this is always there.
  if (!revocation) return [];
  await revocation.revokeUser(user.id);
  const { cookies } = await issueSessionCookies(context, { ...token, ver: revocation.versionOf(user.id) }, token.exp);
  return cookies;
}
