/**
 * `GET /session` returns the session; `POST /session` updates it through the `jwt` callback. Without a
 * session the answer is what the app's clients take for "signed out": `{}` for next-auth 4's (which logs
 * `CLIENT_FETCH_ERROR` on `null`), `null` for Auth.js v5's (which takes `{}` for a session).
 */
import type { RequestContext } from "../context.js";
import { InvalidRequest } from "../errors.js";
import { json, withCookies, type Body } from "../http.js";
import { emit } from "../events.js";
import { readSession } from "../session/read.js";
import { isPlainObject } from "../plain-object.js";

export async function showSession(context: RequestContext): Promise<Response> {
  const { session, cookies } = await readSession(context);
  // Most reads renew nothing: no header list to build for them.
  return json(session ?? signedOut(context), cookies.length > 0 ? { headers: withCookies(cookies) } : undefined);
}

export async function updateSession(context: RequestContext, body: Body): Promise<Response> {
  const { data } = body;
  if (data !== undefined && !isPlainObject(data)) {
    throw new InvalidRequest("`data` must be an object with the session fields to update.");
  }
  const { session, token, cookies } = await readSession(context, { update: { data: data as Record<string, unknown> | undefined } });
  // The event names the user even when the session the client sees has no `id`.
  if (session?.user) await emit(context, "updateUser", { user: { ...session.user, ...(token?.sub !== undefined && { id: token.sub }) } });
  return json(session ?? signedOut(context), { headers: withCookies(cookies) });
}

function signedOut(context: RequestContext): Record<string, never> | null {
  return context.wire === "v4" ? {} : null;
}
