/**
 * Device management for the signed-in user: `GET /sessions` lists them, `POST /sessions/revoke` signs one
 * out (`{ csrfToken, id }`), `POST /sessions/revoke-others` signs out every other device.
 */
import type { RequestContext } from "../context.js";
import { InvalidRequest } from "../errors.js";
import { json, type Body } from "../http.js";
import { listSessionsOf, endOtherSessionsOf, endSessionOf } from "../session/management.js";

const UNAUTHORIZED = { error: "Unauthorized", message: "Sign in to manage your sessions." };

export async function getSessions(context: RequestContext): Promise<Response> {
  const sessions = await listSessionsOf(context);
  return sessions ? json({ sessions }) : json(UNAUTHORIZED, { status: 401 });
}

export async function postRevokeSession(context: RequestContext, body: Body): Promise<Response> {
  if (!body.id) throw new InvalidRequest("Give the `id` of the session to sign out.");
  const revoked = await endSessionOf(context, body.id);
  return revoked === null ? json(UNAUTHORIZED, { status: 401 }) : json({ revoked });
}

export async function postRevokeOtherSessions(context: RequestContext): Promise<Response> {
  const revoked = await endOtherSessionsOf(context);
  return revoked === null ? json(UNAUTHORIZED, { status: 401 }) : json({ revoked });
}
