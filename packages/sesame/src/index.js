/**
 * Sesame: authentication for Next.js and any Web-standard runtime.
 *
 * `Auth(request, config)` serves the auth HTTP API; `getSession(request, config)` reads the session of any
 * request, cheaply enough to run on every one.
 */
/**
 * Serves the auth HTTP API (`/api/auth/signin`, `/callback/:provider`, `/session`, …) for a Web `Request`.
 *
 * @example
 * ```ts
 * // app/api/auth/[...sesame]/route.ts, or any server that speaks Request/Response
 * import { Auth } from "sesame-auth";
 * import { config } from "@/auth.config";
 * export const GET = (request: Request) => Auth(request, config);
 * export const POST = GET;
 * ```
 */
export { Auth } from "./core/auth.js";
/**
 * The session of any request (`{ session, token, cookies }`), cheap enough to run on every request.
 *
 * @example
 * ```ts
 * import { getSession } from "sesame-auth";
 * const { session } = await getSession(request, config);
 * if (!session) return Response.json({ error: "Unauthorized" }, { status: 401 });
 * ```
 */
export { getSession } from "./core/session/get-session.js";
/**
 * The signed-in user's upstream access token, refreshed first when due; send `cookies` back.
 *
 * @example
 * ```ts
 * import { getAccessToken } from "sesame-auth";
 * const { accessToken } = await getAccessToken(request, config);
 * const orders = await fetch(`${API}/orders`, { headers: { authorization: `Bearer ${accessToken}` } });
 * ```
 */
export { getAccessToken } from "./core/session/access-token.js";
/**
 * Coordinates upstream token refreshes so one refresh token is spent once. The default is
 * `MemoryRefreshCoordinator()` (one process); several processes share `RedisRefreshCoordinator` or `SqlRefreshCoordinator`.
 *
 * @example
 * ```ts
 * import { MemoryRefreshCoordinator } from "sesame-auth";
 * export const config = { tokens: { coordinator: MemoryRefreshCoordinator() }, providers: [Google()] };
 * ```
 */
export { MemoryRefreshCoordinator } from "./core/upstream/coordinator.js";
/**
 * Session management for server code: a user's devices, signing one or all others out, and ending every
 * session of a user (after a password change, or a ban).
 *
 * @example
 * ```ts
 * import { listSessions, revokeSession, revokeUserSessions } from "sesame-auth";
 * const sessions = await listSessions(request, config); // SessionInfo[], or null when signed out
 * const other = sessions?.find((s) => !s.current);
 * if (other) await revokeSession(request, config, other.id);
 * await revokeUserSessions(config, user.id);
 * ```
 */
export { listSessions, revokeOtherSessions, revokeSession, revokeUserSessions } from "./core/session/management.js";
/**
 * A revocation store for one process (tests, single-instance apps). Several processes share
 * `RedisRevocationStore` from `sesame-auth/adapters/redis`.
 *
 * @example
 * ```ts
 * import { MemoryRevocationStore } from "sesame-auth";
 * export const config = { revocation: { store: MemoryRevocationStore() }, providers: [Google()] };
 * ```
 */
export { MemoryRevocationStore } from "./core/revocation/memory.js";
/**
 * Sign-in rate limits kept in this process's memory (the default store). Several processes share
 * `RedisRateLimitStore` or `SqlRateLimitStore`.
 *
 * @example
 * ```ts
 * import { MemoryRateLimitStore } from "sesame-auth";
 * rateLimit: { store: MemoryRateLimitStore({ maxEntries: 20_000 }), perIp: { max: 20, window: 60 } },
 * ```
 */
export { MemoryRateLimitStore } from "./core/rate-limit/store.js";
/**
 * The errors Sesame throws or reports (`SesameError` and its subclasses, each with a `type`, a `status`,
 * a `publicCode` and the `headers` of its response), `SesameErrorCode` (the union of the codes clients
 * receive, to `switch` on), and `CredentialsSignin` to extend for a custom credentials error code.
 *
 * @example
 * ```ts
 * import { CredentialsSignin, type SesameErrorCode } from "sesame-auth";
 * class AccountLocked extends CredentialsSignin { override code = "account_locked" }
 * // in authorize(): throw new AccountLocked();
 * const retryable = (code: SesameErrorCode) => code === "RateLimited" || code === "AdapterError";
 * ```
 */
export * from "./core/errors.js";
