/**
 * A user's sessions as devices: list them, sign one out, sign out every other device, or end them all
 * (a ban, a password change). Database sessions end on their very next request.
 */
import { configuredAdapter, type AdapterSession } from "../adapter.js";
import type { ResolvedConfig } from "../config/resolve.js";
import type { RequestContext } from "../context.js";
import { InvalidRequest } from "../errors.js";
import { loadDatabaseSession } from "./database-session.js";

/** A session as its owner sees it in a device list. */
export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expires: string;
  ip: string | null;
  userAgent: string | null;
  /** The session this request is made with. */
  current: boolean;
}

function info(session: AdapterSession, currentId: string): SessionInfo {
  return {
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expires: session.expires.toISOString(),
    ip: session.ip,
    userAgent: session.userAgent,
    current: session.id === currentId,
  };
}

function adapterFor(context: { config: ResolvedConfig }) {
  if (context.config.session.strategy !== "database") {
    throw new InvalidRequest('Listing and revoking sessions needs database sessions: configure an `adapter` (session.strategy "database").');
  }
  return configuredAdapter(context, "database sessions");
}

/** The current user's live sessions, newest first; `null` without a session. */
export async function listSessionsOf(context: RequestContext): Promise<SessionInfo[] | null> {
  const adapter = adapterFor(context);
  const current = await loadDatabaseSession(context);
  if (!current) return null;
  return (await adapter.listSessions(current.user.id)).map((s) => info(s, current.session.id));
}

/** Ends one of the current user's sessions. `false` if it is not theirs or no longer exists. */
export async function revokeSessionOf(context: RequestContext, sessionId: string): Promise<boolean | null> {
  const adapter = adapterFor(context);
  const current = await loadDatabaseSession(context);
  if (!current) return null;
  const owned = (await adapter.listSessions(current.user.id)).some((s) => s.id === sessionId);
  if (owned) await adapter.deleteSession(sessionId);
  return owned;
}

/** Ends every session of the current user but this one ("sign out other devices"). */
export async function revokeOtherSessionsOf(context: RequestContext): Promise<number | null> {
  const adapter = adapterFor(context);
  const current = await loadDatabaseSession(context);
  if (!current) return null;
  return adapter.deleteSessions(current.user.id, { except: current.session.id });
}

/**
 * Ends every session of `userId` (ban, password change, compromised account): database sessions are
 * deleted, JWT sessions revoked by raising the user's token version. Returns how many database sessions
 * ended (JWT sessions cannot be counted).
 */
export async function revokeAllSessionsOf(config: ResolvedConfig, userId: string): Promise<number> {
  if (!config.revocation && (config.session.strategy !== "database" || !config.adapter)) {
    throw new InvalidRequest("Revoking a user's sessions needs database sessions or `revocation` for JWT sessions.");
  }
  await config.revocation?.revokeUser(userId);
  return config.adapter && config.session.strategy === "database" ? config.adapter.deleteSessions(userId) : 0;
}
