/**
 * A `jwt` or `session` callback that throws while a session is read ends that session, as one returning
 * `null` does and as in NextAuth, whose apps throw there to sign a user out (seed 004's token version that
 * moved on). Sesame's own errors keep their meaning: a database that is down is a 503, not a sign-out.
 */
import type { RequestContext } from "../context.js";
import { SesameError, SessionTokenError } from "../errors.js";

/** Rethrows Sesame's own errors; logs anything else as `SessionTokenError`, for the caller to end the session. */
export function callbackEndsSession(context: RequestContext, callback: "jwt" | "session", error: unknown): void {
  if (error instanceof SesameError) throw error;
  context.config.logger.error(new SessionTokenError(`The ${callback} callback threw while reading the session, which ends it.`, { cause: error }));
}
