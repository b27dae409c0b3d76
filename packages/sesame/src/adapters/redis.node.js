/**
 * `sesame-auth/adapters/redis`: Redis for what several server processes must share — database sessions
 * (`withRedisSessions`: each session a key that expires with it, users stay in the SQL adapter), the
 * revocation of JWT sessions (a sorted set of revoked ids, a hash of user token versions, a pub/sub
 * channel), sign-in rate limits (a counter per key that expires with its window) and the coordination of
 * upstream token refreshes between processes (a claim per refresh, and its sealed result for a grace window). Commands fail
 * at once while Redis is unreachable instead of queueing, so a request never waits on a dead server.
 *
 * @example
 * ```ts
 * import { RedisRevocationStore } from "sesame-auth/adapters/redis";
 * export const config = { revocation: { store: RedisRevocationStore({ url: process.env.REDIS_URL }) }, ... };
 * ```
 */
import { createClient } from "redis";
import { nowSeconds } from "../core/clock.js";
import { withTimeout } from "../core/timeout.js";
function connect(options) {
    const client = createClient({
        url: options.url ?? "redis://127.0.0.1:6379",
        disableOfflineQueue: true,
        socket: { connectTimeout: options.connectTimeout ?? 2_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
    });
    // node-redis reports connection problems as events; without a listener they would crash the process.
    client.on("error", () => { });
    return client;
}
/** A client that connects on first use, and again on the next use after a failed attempt. */
function lazyClient(options) {
    const client = connect(options);
    let connected;
    const timeout = options.connectTimeout ?? 2_000;
    const ready = async () => {
        // The first use starts the connection, which node-redis retries in the background until it succeeds; each
        // use before then waits for it at most `connectTimeout`. Keeping the attempt rather than its first time-out
        // is what lets a process that started while Redis was down recover once Redis is back. Once connected,
        // the client reconnects by itself, and commands fail at once while it is offline (no offline queue).
        connected ??= client.connect().catch(() => { });
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
export function RedisRateLimitStore(options = {}) {
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
                .exec());
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
export function RedisRevocationStore(options = {}) {
    const prefix = options.prefix ?? "sesame:";
    const keys = { revoked: `${prefix}revoked`, versions: `${prefix}versions`, channel: `${prefix}revocation` };
    const { client, ready } = lazyClient(options);
    return {
        async revokeSession(jti, exp) {
            const redis = await ready();
            const change = { type: "session", jti, exp };
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
            await redis.publish(keys.channel, JSON.stringify({ type: "user", userId, version }));
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
                        onChange(JSON.parse(message));
                    }
                    catch {
                        // A malformed message is ignored; the next reconciliation loads the truth.
                    }
                });
                subscribed = true;
                onStatus(true);
            };
            // Lost before subscribing: the next "ready" tries again.
            subscriber.on("ready", () => (subscribed ? onStatus(true) : void listen().catch(() => { })));
            subscriber.on("end", () => onStatus(false));
            subscriber.on("error", () => onStatus(false));
            subscriber.on("reconnecting", () => onStatus(false));
            // In the background: node-redis retries until Redis answers, and a process that starts while Redis is
            // down must not wait for it (the revocation state bounds its own wait and applies its policy).
            subscriber.connect().catch(() => { });
            return {
                // destroy(), not close(): closing politely waits for a server that may be gone.
                async close() {
                    if (subscriber.isOpen)
                        subscriber.destroy();
                    if (client.isOpen)
                        client.destroy();
                },
            };
        },
    };
}
const toStored = (s) => ({ ...s, expires: s.expires.getTime(), createdAt: s.createdAt.getTime(), lastSeenAt: s.lastSeenAt.getTime() });
const fromStored = (s) => ({ ...s, expires: new Date(s.expires), createdAt: new Date(s.createdAt), lastSeenAt: new Date(s.lastSeenAt) });
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
export function withRedisSessions(adapter, options = {}) {
    const prefix = options.prefix ?? "sesame:";
    const sessionKey = (id) => `${prefix}session:${id}`;
    const userKey = (userId) => `${prefix}user-sessions:${userId}`;
    const { ready } = lazyClient(options);
    async function read(id) {
        const json = await (await ready()).get(sessionKey(id));
        return json ? fromStored(JSON.parse(json)) : null;
    }
    /** Stores a new session. Never used for an existing one: that could re-create a session deleted meanwhile. */
    async function create(session) {
        const ttl = session.expires.getTime() - Date.now();
        if (ttl <= 0)
            return;
        await (await ready()).multi().set(sessionKey(session.id), JSON.stringify(toStored(session)), { PX: ttl }).sAdd(userKey(session.userId), session.id).exec();
    }
    /** Updates in progress in this process, by session id: the last one queued. */
    const updating = new Map();
    /**
     * Reads, merges, then writes only if the key still holds what was read: a sign-out or revocation that
     * deletes the session in between must win, not be undone by re-creating the key, and an update made by
     * another process in between must not be lost — the value changed, so it is merged again.
     */
    async function compareAndSet(id, changes) {
        const redis = await ready();
        const key = sessionKey(id);
        for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            const json = await redis.get(key);
            if (!json)
                return;
            const updated = { ...fromStored(JSON.parse(json)), ...changes };
            const ttl = changes.expires ? Math.max(updated.expires.getTime() - Date.now(), 0) : KEEP_TTL;
            const outcome = Number(await redis.eval(COMPARE_AND_SET, { keys: [key], arguments: [json, JSON.stringify(toStored(updated)), String(ttl)] }));
            if (outcome !== CAS_CONFLICT)
                return;
        }
        throw new Error(`Session ${id} kept changing while it was being updated (${MAX_UPDATE_ATTEMPTS} attempts).`);
    }
    /** The user's live sessions; ids whose keys Redis has expired are dropped from the set on the way. */
    async function sessionsOf(userId) {
        const redis = await ready();
        const ids = await redis.sMembers(userKey(userId));
        if (!ids.length)
            return [];
        const values = await redis.mGet(ids.map(sessionKey));
        const gone = ids.filter((_, i) => values[i] === null);
        if (gone.length)
            await redis.sRem(userKey(userId), gone);
        return values.filter((v) => v !== null).map((v) => fromStored(JSON.parse(v)));
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
            const settled = update.then(() => { }, () => { });
            updating.set(id, settled);
            void settled.then(() => {
                if (updating.get(id) === settled)
                    updating.delete(id);
            });
            return update;
        },
        async deleteSession(id) {
            // Read and delete in one transaction, so the user's set loses the id of exactly the session deleted.
            const [json] = (await (await ready()).multi().get(sessionKey(id)).del(sessionKey(id)).exec());
            if (json)
                await (await ready()).sRem(userKey(JSON.parse(json).userId), id);
        },
        async listSessions(userId) {
            const now = Date.now();
            return (await sessionsOf(userId)).filter((s) => s.expires.getTime() > now).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
        },
        async deleteSessions(userId, { except } = {}) {
            const doomed = (await sessionsOf(userId)).map((s) => s.id).filter((id) => id !== except);
            if (!doomed.length)
                return 0;
            const [deleted] = (await (await ready()).multi().del(doomed.map(sessionKey)).sRem(userKey(userId), doomed).exec());
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
export function RedisRefreshCoordinator(options = {}) {
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
