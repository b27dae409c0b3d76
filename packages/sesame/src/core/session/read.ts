/** Reading the request's session, whichever strategy keeps it. */
import type { RequestContext } from "../context.js";
import { readDatabaseSession } from "./database-session.js";
import { readJwtSession, type ReadOptions, type SessionState } from "./jwt-session.js";

export function readSession(context: RequestContext, options: ReadOptions = {}): Promise<SessionState> {
  return context.config.session.strategy === "database" ? readDatabaseSession(context, options) : readJwtSession(context, options);
}

export type { ReadOptions, SessionState };
