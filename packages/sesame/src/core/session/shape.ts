/** The session object the client sees before the `session` callback: user, expiry, refresh error, and — opted in — the user's id and the access token. */
import type { RequestContext } from "../context.js";
import { loadUpstream } from "../upstream/kept.js";
import type { JWT, SessionWithUser, User } from "../types.js";

/**
 * The access token for `session.accessToken` (`tokens.exposeAccessToken`), wherever it is kept. A token store
 * that cannot be reached leaves it out (and says so in the log): the session itself does not depend on it.
 */
export async function exposedAccessToken(context: RequestContext, token: JWT): Promise<string | undefined> {
  if (!context.config.tokens.exposeAccessToken || token.upstream === undefined) return undefined;
  try {
    return (await loadUpstream(context, token))?.accessToken;
  } catch (error) {
    context.config.logger.warn("TokenStoreUnavailable", `The access token was left out of the session: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

export function sessionShape(context: RequestContext, { id, ...user }: User, expires: string, token: JWT, accessToken?: string): SessionWithUser {
  // NextAuth's shape, `user: { name, email, image }`, unless the app asked for the id.
  const session: SessionWithUser = { user: context.config.session.exposeUserId ? { id, ...user } : user, expires };
  if (typeof token.error === "string") session.error = token.error;
  if (accessToken !== undefined) session.accessToken = accessToken;
  if (context.config.session.exposeAuthentication) {
    if (Array.isArray(token.amr)) session.amr = token.amr;
    if (typeof token.auth_time === "number") session.authTime = new Date(token.auth_time * 1000).toISOString();
  }
  return session;
}
