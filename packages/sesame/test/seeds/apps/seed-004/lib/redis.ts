// (glue) `@/lib/redis` of §5's blacklist middleware. The middleware runs on the Edge runtime, which has no TCP
// sockets, so a Redis client there speaks HTTP (as Upstash's does): `redis.get(key)` asks a small relay the
// test runs in front of the real Redis at 127.0.0.1:6379 (SEED_REDIS_REST, given to the build and the server).
export const redis = {
  async get(key: string): Promise<string | null> {
    const response = await fetch(`${process.env.SEED_REDIS_REST}/get/${encodeURIComponent(key)}`);
    if (!response.ok) throw new Error(`redis relay answered ${response.status}`);
    return ((await response.json()) as { value: string | null }).value;
  },
};
