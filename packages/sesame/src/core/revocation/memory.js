/**
 * A revocation store for one process (tests, single-instance apps): sign-out and `revokeUserSessions` end
 * JWT sessions at once. Several processes share `RedisRevocationStore` (`sesame-auth/adapters/redis`).
 *
 * @example
 * ```ts
 * import { MemoryRevocationStore } from "sesame-auth";
 * revocation: { store: MemoryRevocationStore() },
 * ```
 */
export function MemoryRevocationStore() {
    const sessions = new Map();
    const versions = new Map();
    const listeners = new Set();
    const publish = (change) => listeners.forEach((listener) => listener(change));
    return {
        async revokeSession(jti, exp) {
            // Revocations that have run out protect nothing: dropped as we go, as the Redis store does.
            const now = Date.now() / 1000;
            for (const [id, until] of sessions)
                if (until <= now)
                    sessions.delete(id);
            sessions.set(jti, Math.max(exp, sessions.get(jti) ?? 0));
            publish({ type: "session", jti, exp });
        },
        async bumpUserVersion(userId) {
            const version = (versions.get(userId) ?? 0) + 1;
            versions.set(userId, version);
            publish({ type: "user", userId, version });
            return version;
        },
        async snapshot() {
            return {
                sessions: [...sessions].map(([jti, exp]) => ({ jti, exp })),
                versions: [...versions].map(([userId, version]) => ({ userId, version })),
            };
        },
        async subscribe(onChange, onStatus) {
            listeners.add(onChange);
            onStatus(true);
            return { close: async () => void listeners.delete(onChange) };
        },
    };
}
