/** The session object the client sees before the `session` callback: user, expiry, refresh error, and — opted in — the access token. */
import type { RequestContext } from "../context.js";
import { upstreamOf } from "../upstream/tokens.js";
import type { JWT, SessionWithUser, User } from "../types.js";

export function sessionShape(context: RequestContext, user: User, expires: string, token: JWT): SessionWithUser {
  const session: SessionWithUser = { user, expires };
  if (typeof token.error === "string") session.error = token.error;
  if (context.config.tokens.exposeAccessToken) {
    const upstream = upstreamOf(token);
    if (upstream) session.accessToken = upstream.accessToken;
  }
  return session;
}
