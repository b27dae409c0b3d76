/**
 * `sesame/adapters/redis`: Redis for what several server processes must share — the revocation of JWT
 * sessions (a sorted set of revoked ids, a hash of user token versions, a pub/sub channel) and sign-in
 * rate limits (a counter per key that expires with its window). Commands fail
 * at once while Redis is unreachable instead of queueing, so a request never waits on a dead server.
 *
 * @example
 * ```ts
 * import { RedisRevocationStore } from "sesame/adapters/redis";
 * export const config = { revocation: { store: RedisRevocationStore({ url: process.env.REDIS_URL }) }, ... };
 * ```
 */
import { createClient } from "redis";
import type { RateLimitStore } from "../core/rate-limit/store.js";
import type { RevocationChange, RevocationStore } from "../core/revocation/store.js";

export interface RedisOptions {
  /** Default: `redis://127.0.0.1:6379`. */
  url?: string;
  /** Prefix of every key and channel. Default: `sesame:`. */
  prefix?: string;
  /** Milliseconds to connect before giving up on an attempt. Default: 2 000. */
  connectTimeout?: number;
}

type Client = ReturnType<typeof createClient>;

function connect(options: RedisOptions): Client {
  const client = createClient({
    url: options.url ?? "redis://127.0.0.1:6379",
    disableOfflineQueue: true,
    socket: { connectTimeout: options.connectTimeout ?? 2_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) },
  });
  // node-redis reports connection problems as events; without a listener they would crash the process.
  client.on("error", () => {});
  return client;
}

/** A client that connects on first use, and again on the next use after a failed attempt. */
function lazyClient(options: RedisOptions): { client: Client; ready: () => Promise<Client> } {
  const client = connect(options);
  let connecting: Promise<unknown> | undefined;
  const timeout = options.connectTimeout ?? 2_000;
  const ready = async () => {
    // The first connection is awaited at most `connectTimeout`; after that the client keeps reconnecting in
    // the background, and commands fail at once while it is offline (no offline queue).
    connecting ??= Promise.race([
      client.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`Redis did not answer within ${timeout} ms`)), timeout).unref?.()),
    ]);
    await connecting;
    return client;
  };
  return { client, ready };
}

export function RedisRateLimitStore(options: RedisOptions = {}): RateLimitStore {
  const prefix = `${options.prefix ?? "sesame:"}ratelimit:`;
  const { ready } = lazyClient(options);
  return {
    async hit(key, windowSeconds) {
      const redis = await ready();
      // Replies: the new count, whether the expiry was set, the milliseconds left in the window.
      const [count, , ttl] = (await redis
        .multi()
        .incr(prefix + key)
        // NX: only the attempt that opens the window sets its end.
        .pExpire(prefix + key, windowSeconds * 1000, "NX")
        .pTTL(prefix + key)
        .exec()) as unknown as [number, number, number];
      return { count: Number(count), resetAt: Date.now() + Math.max(0, Number(ttl)) };
    },
    async reset(key) {
      const redis = await ready();
      await redis.del(prefix + key);
    },
  };
}

export function RedisRevocationStore(options: RedisOptions = {}): RevocationStore {
  const prefix = options.prefix ?? "sesame:";
  const keys = { revoked: `${prefix}revoked`, versions: `${prefix}versions`, channel: `${prefix}revocation` };
  const { client, ready } = lazyClient(options);

  return {
    async revokeSession(jti, exp) {
      const redis = await ready();
      const change: RevocationChange = { type: "session", jti, exp };
      await redis
        .multi()
        .zAdd(keys.revoked, { score: exp, value: jti })
        // Revocations of tokens that have expired by now protect nothing: drop them as we go.
        .zRemRangeByScore(keys.revoked, "-inf", Math.floor(Date.now() / 1000))
        .publish(keys.channel, JSON.stringify(change))
        .exec();
    },
    async bumpUserVersion(userId) {
      const redis = await ready();
      const version = await redis.hIncrBy(keys.versions, userId, 1);
      await redis.publish(keys.channel, JSON.stringify({ type: "user", userId, version } satisfies RevocationChange));
      return version;
    },
    async snapshot() {
      const redis = await ready();
      const [sessions, versions] = await Promise.all([
        redis.zRangeByScoreWithScores(keys.revoked, Math.floor(Date.now() / 1000), "+inf"),
        redis.hGetAll(keys.versions),
      ]);
      return {
        sessions: sessions.map(({ value, score }) => ({ jti: value, exp: score })),
        versions: Object.entries(versions).map(([userId, version]) => ({ userId, version: Number(version) })),
      };
    },
    async subscribe(onChange, onStatus) {
      const subscriber = connect(options);
      subscriber.on("ready", () => onStatus(true));
      subscriber.on("end", () => onStatus(false));
      subscriber.on("error", () => onStatus(false));
      subscriber.on("reconnecting", () => onStatus(false));
      await subscriber.connect();
      await subscriber.subscribe(keys.channel, (message) => {
        try {
          onChange(JSON.parse(message) as RevocationChange);
        } catch {
          // A malformed message is ignored; the next reconciliation loads the truth.
        }
      });
      onStatus(true);
      return {
        // destroy(), not close(): closing politely waits for a server that may be gone.
        async close() {
          subscriber.destroy();
          if (client.isOpen) client.destroy();
        },
      };
    },
  };
}
