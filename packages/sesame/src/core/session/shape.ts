/** The session object the client sees before the `session` callback: user, expiry, refresh error, and — opted in — the user's id and the access token. */
import type { RequestContext } from "../context.js";
import { upstreamOf } from "../upstream/tokens.js";
import type { JWT, SessionWithUser, User } from "../types.js";

export function sessionShape(context: RequestContext, { id, ...user }: User, expires: string, token: JWT): SessionWithUser {
  // NextAuth's shape, `user: { name, email, image }`, unless the app asked for the id.
  const session: SessionWithUser = { user: context.config.session.exposeUserId ? { id, ...user } : user, expires };
  if (typeof token.error === "string") session.error = token.error;
  if (context.config.tokens.exposeAccessToken) {
    const upstream = upstreamOf(token);
    if (upstream) session.accessToken = upstream.accessToken;
  }
  return session;
}
