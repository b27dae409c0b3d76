/** Counting sign-in attempts in fixed windows, in memory, SQL or Redis: whatever the processes share. */

export interface RateLimitHit {
  /** Attempts in the current window, this one included. */
  count: number;
  /** When the window ends (ms since the epoch). */
  resetAt: number;
}

export interface RateLimitStore {
  /** Counts one attempt under `key` in a window of `windowSeconds`. */
  hit(key: string, windowSeconds: number): Promise<RateLimitHit>;
  /** Forgets `key` (after a successful sign-in). */
  reset(key: string): Promise<void>;
}

/** A store for one process. */
export function MemoryRateLimitStore(): RateLimitStore {
  const windows = new Map<string, RateLimitHit>();
  return {
    async hit(key, windowSeconds) {
      const now = Date.now();
      const current = windows.get(key);
      const next = current && current.resetAt > now ? { ...current, count: current.count + 1 } : { count: 1, resetAt: now + windowSeconds * 1000 };
      windows.set(key, next);
      // Expired windows are dropped as new ones open, so the map holds only live keys.
      if (windows.size > 10_000) for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
      return next;
    },
    async reset(key) {
      windows.delete(key);
    },
  };
}
