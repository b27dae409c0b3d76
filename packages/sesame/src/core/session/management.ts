/**
 * A user's sessions as devices: list them, sign one out, sign out every other device, or end them all
 * (a ban, a password change). Database sessions end on their very next request.
 *
 * Two levels: `…Of(context)` for the `/sessions` routes, which have a request context already, and the
 * public `listSessions(request, config)` family for server code (pages, route handlers, admin tools).
 * The public names say "revoke", as other libraries' device APIs do; inside the core, "revocation" is only
 * the JWT deny-list (`core/revocation/`), and ending a database session is "end" (its row is deleted).
 */
import { configuredAdapter, type AdapterSession } from "../adapter.js";
import type { SesameConfig } from "../config/options.js";
import { resolveConfig, type ResolvedConfig } from "../config/resolve.js";
import { createContext, type RequestContext } from "../context.js";
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
export async function endSessionOf(context: RequestContext, sessionId: string): Promise<boolean | null> {
  const adapter = adapterFor(context);
  const current = await loadDatabaseSession(context);
  if (!current) return null;
  const owned = (await adapter.listSessions(current.user.id)).some((s) => s.id === sessionId);
  if (owned) await adapter.deleteSession(sessionId);
  return owned;
}

/** Ends every session of the current user but this one ("sign out other devices"). */
export async function endOtherSessionsOf(context: RequestContext): Promise<number | null> {
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
export async function endAllSessionsOf(config: ResolvedConfig, userId: string): Promise<number> {
  if (!config.revocation && (config.session.strategy !== "database" || !config.adapter)) {
    throw new InvalidRequest("Revoking a user's sessions needs database sessions or `revocation` for JWT sessions.");
  }
  await config.revocation?.revokeUser(userId);
  // Their stored upstream tokens go too: a revoked session's tokens are nobody's.
  await config.tokens.store?.deleteUser(userId);
  return config.adapter && config.session.strategy === "database" ? config.adapter.deleteSessions(userId) : 0;
}

/**
 * The signed-in user's sessions (devices), newest first, or `null` without a session.
 *
 * @example
 * ```ts
 * const sessions = await listSessions(request, config);
 * ```
 */
export function listSessions(request: Request, config: SesameConfig): Promise<SessionInfo[] | null> {
  return listSessionsOf(createContext(request, resolveConfig(config)));
}

/**
 * Signs out one of the signed-in user's sessions by id: `true` if it was theirs, `null` without a session.
 *
 * @example
 * ```ts
 * const { id } = await request.json();
 * const revoked = await revokeSession(request, config, id);
 * ```
 */
export function revokeSession(request: Request, config: SesameConfig, sessionId: string): Promise<boolean | null> {
  return endSessionOf(createContext(request, resolveConfig(config)), sessionId);
}

/**
 * Signs out every other device of the signed-in user; returns how many sessions ended (`null` without a session).
 *
 * @example
 * ```ts
 * const ended = await revokeOtherSessions(request, config);
 * ```
 */
export function revokeOtherSessions(request: Request, config: SesameConfig): Promise<number | null> {
  return endOtherSessionsOf(createContext(request, resolveConfig(config)));
}

/**
 * Ends every session of a user — after a password change, or to ban them. Takes effect on their next request.
 *
 * @example
 * ```ts
 * await revokeUserSessions(config, user.id);
 * ```
 */
export function revokeUserSessions(config: SesameConfig, userId: string): Promise<number> {
  return endAllSessionsOf(resolveConfig(config), userId);
}
