/**
 * Coordination of refreshes between server processes. The first process to see an expiring token claims
 * its refresh; the others wait for the result. The result stays available for a grace window under the
 * hash of the old refresh token, so that a request still carrying the old cookie (a second tab, another
 * server, a request already in flight) gets the new tokens instead of presenting a rotated-out refresh
 * token — which providers with reuse detection punish by revoking the whole token family.
 *
 * Results are stored encrypted under a key derived from the old refresh token: only a holder of that token
 * can read them, so the store itself never holds usable tokens.
 */
/**
 * A coordinator for one process: enough when one process serves the app, and the default. Several
 * processes share `RedisRefreshCoordinator` or `SqlRefreshCoordinator`.
 *
 * @example
 * ```ts
 * import { MemoryRefreshCoordinator } from "sesame-auth";
 * tokens: { coordinator: MemoryRefreshCoordinator(), refreshBuffer: 120 },
 * ```
 */
export function MemoryRefreshCoordinator() {
    const claims = new Map();
    const results = new Map();
    const prune = (now) => {
        for (const [key, until] of claims)
            if (until <= now)
                claims.delete(key);
        for (const [key, entry] of results)
            if (entry.until <= now)
                results.delete(key);
    };
    return {
        async claim(key, ttlMs) {
            const now = Date.now();
            prune(now);
            if (claims.has(key))
                return false;
            claims.set(key, now + ttlMs);
            return true;
        },
        async release(key) {
            claims.delete(key);
        },
        async publish(key, sealed, ttlMs) {
            results.set(key, { sealed, until: Date.now() + ttlMs });
        },
        async result(key) {
            const entry = results.get(key);
            return entry && entry.until > Date.now() ? entry.sealed : null;
        },
    };
}
