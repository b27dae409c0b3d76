/**
 * `sesame-auth/adapters/redis`: Redis for what several server processes must share — database sessions
 * (`withRedisSessions`: each session a key that expires with it, users stay in the SQL adapter), the
 * revocation of JWT sessions (a sorted set of revoked ids, a hash of user token versions, a pub/sub
 * channel), sign-in rate limits (a counter per key that expires with its window), the coordination of
 * upstream token refreshes between processes (a claim per refresh, and its sealed result for a grace window)
 * and JWT sessions' upstream tokens (`RedisTokenStore`: a sealed entry per session that expires with it).
 * Commands fail at once while Redis is unreachable instead of queueing, so a request never waits on a dead server.
 *
 * @example
 * ```ts
 * import { RedisRevocationStore } from "sesame-auth/adapters/redis";
 * export const config = { revocation: { store: RedisRevocationStore({ url: process.env.REDIS_URL }) }, ... };
 * ```
 */
import { createClient } from "redis";
import type { Adapter, AdapterSession } from "../core/adapter.js";
import type { RateLimitStore } from "../core/rate-limit/store.js";
import type { RefreshCoordinator } from "../core/upstream/coordinator.js";
import type { UpstreamTokenStore } from "../core/upstream/store.js";
import type { RevocationChange, RevocationStore } from "../core/revocation/store.js";
import { nowSeconds } from "../core/clock.js";
import { withTimeout } from "../core/timeout.js";

/**
 * Options shared by the Redis stores: `url` (default `redis://127.0.0.1:6379`), key `prefix` (default
 * `sesame:`), `connectTimeout` in ms (default 2 000). Each store opens its connection on first use.
 *
 * @example
 * ```ts
 * RedisRevocationStore({ url: process.env.REDIS_URL, prefix: "myapp:auth:" })
 * ```
 */
export interface RedisOptions {
  /** Default: `redis://127.0.0.1:6379`. */
  url?: string;
  /** Prefix of every key and channel. Default: `sesame:`. */
  prefix?: string;
  /** Milliseconds to connect before giving up on an attempt. Default: 2 000. */
  connectTimeout?: number;
}

function connect(options: RedisOptions) {
  const client = createClient({
    url: options.url ?? "redis://127.0.0.1:6379",
    disableOfflineQueue: true,
    socket: { connectTimeout: options.connectTimeout ?? 2_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) },
  });
  // node-redis reports connection problems as events; without a listener they would crash the process.
  client.on("error", () => {});
  return client;
}

type Client = ReturnType<typeof connect>;

/** A client that connects on first use, and again on the next use after a failed attempt. */
function lazyClient(options: RedisOptions): { client: Client; ready: () => Promise<Client> } {
  const client = connect(options);
  let connected: Promise<unknown> | undefined;
  const timeout = options.connectTimeout ?? 2_000;
  const ready = async () => {
    // The first use starts the connection, which node-redis retries in the background until it succeeds; each
    // use before then waits for it at most `connectTimeout`. Keeping the attempt rather than its first time-out
    // is what lets a process that started while Redis was down recover once Redis is back. Once connected,
    // the client reconnects by itself, and commands fail at once while it is offline (no offline queue).
    connected ??= client.connect().catch(() => {});
    await withTimeout(connected, timeout, () => new Error(`Redis did not answer within ${timeout} ms`));
    return client;
  };
  return { client, ready };
}

/**
 * Sign-in rate limits in Redis (a counter per key that expires with its window), shared by every process.
 *
 * @example
 * ```ts
 * import { RedisRateLimitStore } from "sesame-auth/adapters/redis";
 * export const config = { rateLimit: { store: RedisRateLimitStore({ url: process.env.REDIS_URL }) }, providers };
 * ```
 */
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

/**
 * Revocation of JWT sessions in Redis, shared by every process: a sorted set of revoked token ids, user
 * token versions, and a pub/sub channel that tells the other processes at once.
 *
 * @example
 * ```ts
 * import { RedisRevocationStore } from "sesame-auth/adapters/redis";
 * export const config = { revocation: { store: RedisRevocationStore({ url: process.env.REDIS_URL }) }, providers };
 * ```
 */
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
        // GT: a revocation already kept longer (say, by a process with a longer session.maxAge) stays so.
        .zAdd(keys.revoked, { score: exp, value: jti }, { comparison: "GT" })
        // Revocations of tokens that have expired by now protect nothing: drop them as we go.
        .zRemRangeByScore(keys.revoked, "-inf", nowSeconds())
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
        redis.zRangeByScoreWithScores(keys.revoked, nowSeconds(), "+inf"),
        redis.hGetAll(keys.versions),
      ]);
      return {
        sessions: sessions.map(({ value, score }) => ({ jti: value, exp: score })),
        versions: Object.entries(versions).map(([userId, version]) => ({ userId, version: Number(version) })),
      };
    },
    async subscribe(onChange, onStatus) {
      const subscriber = connect(options);
      // Until the first SUBSCRIBE is done, "connected" would be a lie: a change published meanwhile would be
      // missed. Once it is, node-redis subscribes again itself before each later "ready".
      let subscribed = false;
      const listen = async () => {
        await subscriber.subscribe(keys.channel, (message) => {
          try {
            onChange(JSON.parse(message) as RevocationChange);
          } catch {
            // A malformed message is ignored; the next reconciliation loads the truth.
          }
        });
        subscribed = true;
        onStatus(true);
      };
      // Lost before subscribing: the next "ready" tries again.
      subscriber.on("ready", () => (subscribed ? onStatus(true) : void listen().catch(() => {})));
      subscriber.on("end", () => onStatus(false));
      subscriber.on("error", () => onStatus(false));
      subscriber.on("reconnecting", () => onStatus(false));
      // In the background: node-redis retries until Redis answers, and a process that starts while Redis is
      // down must not wait for it (the revocation state bounds its own wait and applies its policy).
      subscriber.connect().catch(() => {});
      return {
        // destroy(), not close(): closing politely waits for a server that may be gone.
        async close() {
          if (subscriber.isOpen) subscriber.destroy();
          if (client.isOpen) client.destroy();
        },
      };
    },
  };
}

interface StoredSession extends Omit<AdapterSession, "expires" | "createdAt" | "lastSeenAt"> {
  expires: number;
  createdAt: number;
  lastSeenAt: number;
}

const toStored = (s: AdapterSession): StoredSession => ({ ...s, expires: s.expires.getTime(), createdAt: s.createdAt.getTime(), lastSeenAt: s.lastSeenAt.getTime() });
const fromStored = (s: StoredSession): AdapterSession => ({ ...s, expires: new Date(s.expires), createdAt: new Date(s.createdAt), lastSeenAt: new Date(s.lastSeenAt) });

const MAX_UPDATE_ATTEMPTS = 10;
/** The time-to-live argument of COMPARE_AND_SET that keeps the key's current expiry. */
const KEEP_TTL = -1;
const CAS_CONFLICT = -1;
/**
 * KEYS[1] the session; ARGV[1] the value it was read with; ARGV[2] the new value; ARGV[3] milliseconds to
 * live, or -1 to keep the current expiry (0: it has expired, so it goes). Replies 1 when written (or
 * deleted), 0 when the key is gone — a deleted session stays deleted — and -1 when it changed since read.
 */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
if current ~= ARGV[1] then return -1 end
local ttl = tonumber(ARGV[3])
if ttl == 0 then redis.call('DEL', KEYS[1])
elseif ttl < 0 then redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
else redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl) end
return 1`;

/**
 * `adapter` with its sessions kept in Redis: each session is a key that Redis expires with the session, and
 * a set per user lists them for device management. Users, accounts and email tokens stay in `adapter`. A
 * session check is one Redis read plus one user read from `adapter`.
 *
 * @example
 * ```ts
 * adapter: withRedisSessions(SqlAdapter(db), { url: process.env.REDIS_URL }),
 * ```
 */
export function withRedisSessions(adapter: Adapter, options: RedisOptions = {}): Adapter {
  const prefix = options.prefix ?? "sesame:";
  const sessionKey = (id: string) => `${prefix}session:${id}`;
  const userKey = (userId: string) => `${prefix}user-sessions:${userId}`;
  const { ready } = lazyClient(options);

  async function read(id: string): Promise<AdapterSession | null> {
    const json = await (await ready()).get(sessionKey(id));
    return json ? fromStored(JSON.parse(json) as StoredSession) : null;
  }

  /** Stores a new session. Never used for an existing one: that could re-create a session deleted meanwhile. */
  async function create(session: AdapterSession): Promise<void> {
    const ttl = session.expires.getTime() - Date.now();
    if (ttl <= 0) return;
    await (await ready()).multi().set(sessionKey(session.id), JSON.stringify(toStored(session)), { PX: ttl }).sAdd(userKey(session.userId), session.id).exec();
  }

  /** Updates in progress in this process, by session id: the last one queued. */
  const updating = new Map<string, Promise<void>>();

  /**
   * Reads, merges, then writes only if the key still holds what was read: a sign-out or revocation that
   * deletes the session in between must win, not be undone by re-creating the key, and an update made by
   * another process in between must not be lost — the value changed, so it is merged again.
   */
  async function compareAndSet(id: string, changes: Parameters<Adapter["updateSession"]>[1]): Promise<void> {
    const redis = await ready();
    const key = sessionKey(id);
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const json = await redis.get(key);
      if (!json) return;
      const updated = { ...fromStored(JSON.parse(json) as StoredSession), ...changes };
      const ttl = changes.expires ? Math.max(updated.expires.getTime() - Date.now(), 0) : KEEP_TTL;
      const outcome = Number(await redis.eval(COMPARE_AND_SET, { keys: [key], arguments: [json, JSON.stringify(toStored(updated)), String(ttl)] }));
      if (outcome !== CAS_CONFLICT) return;
    }
    throw new Error(`Session ${id} kept changing while it was being updated (${MAX_UPDATE_ATTEMPTS} attempts).`);
  }

  /** The user's live sessions; ids whose keys Redis has expired are dropped from the set on the way. */
  async function sessionsOf(userId: string): Promise<AdapterSession[]> {
    const redis = await ready();
    const ids = await redis.sMembers(userKey(userId));
    if (!ids.length) return [];
    const values = await redis.mGet(ids.map(sessionKey));
    const gone = ids.filter((_, i) => values[i] === null);
    if (gone.length) await redis.sRem(userKey(userId), gone);
    return values.filter((v): v is string => v !== null).map((v) => fromStored(JSON.parse(v) as StoredSession));
  }

  return {
    ...adapter,
    async deleteUser(id) {
      await this.deleteSessions(id);
      await adapter.deleteUser(id);
    },
    async createSession(session) {
      await create(session);
    },
    async getSessionAndUser(id) {
      const session = await read(id);
      const user = session && (await adapter.getUser(session.userId));
      return session && user ? { session, user } : null;
    },
    updateSession(id, changes) {
      // Updates of one session from this process take turns, so they do not make each other retry; the
      // compare-and-set guards against the other processes.
      const update = (updating.get(id) ?? Promise.resolve()).then(() => compareAndSet(id, changes));
      const settled = update.then(
        () => {},
        () => {},
      );
      updating.set(id, settled);
      void settled.then(() => {
        if (updating.get(id) === settled) updating.delete(id);
      });
      return update;
    },
    async deleteSession(id) {
      // Read and delete in one transaction, so the user's set loses the id of exactly the session deleted.
      const [json] = (await (await ready()).multi().get(sessionKey(id)).del(sessionKey(id)).exec()) as unknown as [string | null, number];
      if (json) await (await ready()).sRem(userKey((JSON.parse(json) as StoredSession).userId), id);
    },
    async listSessions(userId) {
      const now = Date.now();
      return (await sessionsOf(userId)).filter((s) => s.expires.getTime() > now).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    },
    async deleteSessions(userId, { except } = {}) {
      const doomed = (await sessionsOf(userId)).map((s) => s.id).filter((id) => id !== except);
      if (!doomed.length) return 0;
      const [deleted] = (await (await ready()).multi().del(doomed.map(sessionKey)).sRem(userKey(userId), doomed).exec()) as unknown as [number, number];
      // Sessions that expired or were signed out in the meantime are not counted as ended here.
      return Number(deleted);
    },
  };
}

/**
 * Refresh coordination in Redis: `SET NX PX` claims, results that expire with the grace window, so that
 * concurrent requests on several processes spend an upstream refresh token once.
 *
 * @example
 * ```ts
 * import { RedisRefreshCoordinator } from "sesame-auth/adapters/redis";
 * tokens: { coordinator: RedisRefreshCoordinator({ url: process.env.REDIS_URL }) },
 * ```
 */
export function RedisRefreshCoordinator(options: RedisOptions = {}): RefreshCoordinator {
  const prefix = `${options.prefix ?? "sesame:"}refresh:`;
  const { ready } = lazyClient(options);
  return {
    async claim(key, ttlMs) {
      return (await (await ready()).set(`${prefix}claim:${key}`, "1", { NX: true, PX: ttlMs })) === "OK";
    },
    async release(key) {
      await (await ready()).del(`${prefix}claim:${key}`);
    },
    async publish(key, sealed, ttlMs) {
      await (await ready()).set(`${prefix}result:${key}`, sealed, { PX: ttlMs });
    },
    async result(key) {
      return (await ready()).get(`${prefix}result:${key}`);
    },
  };
}

/**
 * JWT sessions' upstream tokens in Redis (`tokens.store`): a key per session that expires with it, and a set
 * per user naming their sessions' keys, so that revoking a user deletes them all. Sesame seals the tokens
 * before they get here.
 *
 * @example
 * ```ts
 * import { RedisTokenStore } from "sesame-auth/adapters/redis";
 * tokens: { store: RedisTokenStore({ url: process.env.REDIS_URL }) },
 * ```
 */
export function RedisTokenStore(options: RedisOptions = {}): UpstreamTokenStore {
  const prefix = `${options.prefix ?? "sesame:"}upstream:`;
  const entryKey = (sessionId: string) => `${prefix}session:${sessionId}`;
  const userKey = (userId: string) => `${prefix}user:${userId}`;
  const { ready } = lazyClient(options);
  return {
    async get(sessionId) {
      const stored = await (await ready()).get(entryKey(sessionId));
      return stored === null ? null : ((JSON.parse(stored) as { sealed: string }).sealed ?? null);
    },
    async set(sessionId, { sealed, userId, expiresAt }) {
      const client = await ready();
      const multi = client.multi().set(entryKey(sessionId), JSON.stringify({ sealed, userId }), { EXAT: expiresAt });
      if (userId) {
        // The user's index lives as long as their longest-lived session; a stale member only costs a DEL of nothing.
        multi.sAdd(userKey(userId), sessionId).expireAt(userKey(userId), expiresAt, "GT").expireAt(userKey(userId), expiresAt, "NX");
      }
      await multi.exec();
    },
    async expire(sessionId, expiresAt) {
      const client = await ready();
      const stored = await client.get(entryKey(sessionId));
      if (stored === null) return;
      const { userId } = JSON.parse(stored) as { userId?: string };
      const multi = client.multi().expireAt(entryKey(sessionId), expiresAt);
      if (userId) multi.expireAt(userKey(userId), expiresAt, "GT");
      await multi.exec();
    },
    async delete(sessionId) {
      await (await ready()).del(entryKey(sessionId));
    },
    async deleteUser(userId) {
      const client = await ready();
      const sessions = await client.sMembers(userKey(userId));
      await client.del([userKey(userId), ...sessions.map(entryKey)]);
    },
  };
}
