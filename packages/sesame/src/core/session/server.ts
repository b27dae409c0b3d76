/** The session-management API for server code (pages, route handlers, admin tools). */
import type { SesameConfig } from "../config/options.js";
import { resolveConfig } from "../config/resolve.js";
import { createContext } from "../context.js";
import { listSessionsOf, revokeAllSessionsOf, revokeOtherSessionsOf, revokeSessionOf, type SessionInfo } from "./management.js";

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
  return revokeSessionOf(createContext(request, resolveConfig(config)), sessionId);
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
  return revokeOtherSessionsOf(createContext(request, resolveConfig(config)));
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
  return revokeAllSessionsOf(resolveConfig(config), userId);
}

export type { SessionInfo };
