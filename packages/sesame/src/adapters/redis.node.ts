/**
 * `sesame/adapters/redis`: Redis for what several server processes must share — the revocation of JWT
 * sessions (a sorted set of revoked ids, a hash of user token versions, a pub/sub channel). Commands fail
 * at once while Redis is unreachable instead of queueing, so a request never waits on a dead server.
 *
 * @example
 * ```ts
 * import { RedisRevocationStore } from "sesame/adapters/redis";
 * export const config = { revocation: { store: RedisRevocationStore({ url: process.env.REDIS_URL }) }, ... };
 * ```
 */
import { createClient } from "redis";
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

export function RedisRevocationStore(options: RedisOptions = {}): RevocationStore {
  const prefix = options.prefix ?? "sesame:";
  const keys = { revoked: `${prefix}revoked`, versions: `${prefix}versions`, channel: `${prefix}revocation` };
  const client = connect(options);
  let connecting: Promise<unknown> | undefined;
  const ready = async () => {
    if (!client.isOpen) connecting ??= client.connect().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    });
    await connecting;
    return client;
  };

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
