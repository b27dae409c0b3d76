/** Counting sign-in attempts in fixed windows, in memory, SQL or Redis: whatever the processes share. */
import { InvalidConfiguration } from "../errors.js";
const DEFAULT_MAX_ENTRIES = 100_000;
/** Expired windows dropped per hit, at most: enough to outpace new ones, never a scan of the whole map. */
const PRUNED_PER_HIT = 4;
/**
 * A store for one process. Every hit costs a bounded amount of work, whatever the number of counters:
 * windows are kept in the order they opened, so the expired ones are at the front, and each hit drops a
 * few of them.
 *
 * When the store is full, a new window pushes out an old one. Which one matters: an attacker who could
 * flood the store to push out the counter of the account they are guessing would reset its limit. So
 * windows that have seen one attempt (what a flood of new keys creates) are kept apart from those that
 * have seen several (an account or address under attack), and the oldest single-attempt window goes
 * first. A repeated counter is pushed out only when the whole store holds repeated live windows, which
 * takes twice `maxEntries` attempts inside one window. Refusing new windows when full would be the other
 * choice, and worse: the same flood would then stop every sign-in.
 *
 * @example
 * ```ts
 * import { MemoryRateLimitStore } from "sesame-auth";
 * rateLimit: { store: MemoryRateLimitStore({ maxEntries: 20_000 }) },
 * ```
 */
export function MemoryRateLimitStore(options = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
        throw new InvalidConfiguration(`MemoryRateLimitStore: \`maxEntries\` must be a positive whole number; got ${String(maxEntries)}.`);
    }
    /** Windows with one attempt so far, oldest first. */
    const once = new Map();
    /** Windows with two or more, in the order they got their second. */
    const repeated = new Map();
    function pruneExpired(windows, now) {
        let pruned = 0;
        for (const [key, window] of windows) {
            if (window.resetAt > now || pruned++ === PRUNED_PER_HIT)
                return;
            windows.delete(key);
        }
    }
    function evictOne() {
        const victims = once.size > 0 ? once : repeated;
        const oldest = victims.keys().next();
        if (!oldest.done)
            victims.delete(oldest.value);
    }
    return {
        get size() {
            return once.size + repeated.size;
        },
        async hit(key, windowSeconds) {
            const now = Date.now();
            pruneExpired(once, now);
            pruneExpired(repeated, now);
            const counted = repeated.get(key);
            if (counted && counted.resetAt > now) {
                counted.count += 1;
                return { ...counted };
            }
            const first = once.get(key);
            if (first && first.resetAt > now) {
                once.delete(key);
                first.count = 2;
                repeated.set(key, first);
                return { ...first };
            }
            // A new window, or one that has ended: it opens now, at the back of the line.
            if (counted)
                repeated.delete(key);
            if (first)
                once.delete(key);
            if (once.size + repeated.size >= maxEntries)
                evictOne();
            const opened = { count: 1, resetAt: now + windowSeconds * 1000 };
            once.set(key, opened);
            return { ...opened };
        },
        async reset(key) {
            once.delete(key);
            repeated.delete(key);
        },
    };
}
