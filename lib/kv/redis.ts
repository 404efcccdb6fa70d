import Redis from "ioredis";
import { INCR_WITH_TTL_LUA, type Kv } from "@/lib/kv/port";

/** Redis over TCP (`REDIS_URL`), for self-hosted deployments and CI. */
export function createRedisKv(url: string, opts: { keyPrefix?: string } = {}): Kv {
  const redis = new Redis(url, { keyPrefix: opts.keyPrefix, maxRetriesPerRequest: 2, enableAutoPipelining: true, lazyConnect: false });
  return {
    driver: "redis",
    get: (key) => redis.get(key),
    async set(key, value, o = {}) {
      const args: (string | number)[] = [];
      if (o.ttlMs) args.push("PX", o.ttlMs);
      if (o.onlyIfAbsent) args.push("NX");
      const res = await (redis.set as (...a: unknown[]) => Promise<string | null>)(key, value, ...args);
      return res === "OK";
    },
    async del(key) {
      await redis.del(key);
    },
    async incr(key, ttlMs) {
      const [value, ttl] = (await redis.eval(INCR_WITH_TTL_LUA, 1, key, ttlMs)) as [number, number];
      return { value, ttlMs: ttl };
    },
    async zadd(key, score, member) {
      await redis.zadd(key, score, member);
    },
    zcount: (key, min, max) => redis.zcount(key, min, max),
    async zrem(key, member) {
      await redis.zrem(key, member);
    },
    async zremRangeByScore(key, min, max) {
      await redis.zremrangebyscore(key, min, max);
    },
    async pexpire(key, ttlMs) {
      await redis.pexpire(key, ttlMs);
    },
    async ping() {
      await redis.ping();
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
