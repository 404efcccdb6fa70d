import { INCR_WITH_TTL_LUA, type Kv } from "@/lib/adapters/kv/port";
import { createFastFailRedis, whenReady } from "@/lib/adapters/kv/redis-client";

/** Redis over TCP (`REDIS_URL`), for self-hosted deployments and CI. Fails fast while Redis is away (see redis-client.ts). */
export function createRedisKv(url: string, opts: { keyPrefix?: string; timeoutMs?: number } = {}): Kv {
  const timeoutMs = opts.timeoutMs ?? 500;
  const redis = createFastFailRedis(url, { keyPrefix: opts.keyPrefix, enableAutoPipelining: true, timeoutMs });
  const ready = () => whenReady(redis, timeoutMs);
  return {
    driver: "redis",
    get: async (key) => {
      await ready();
      return redis.get(key);
    },
    async set(key, value, o = {}) {
      await ready();
      const args: (string | number)[] = [];
      if (o.ttlMs) args.push("PX", o.ttlMs);
      if (o.onlyIfAbsent) args.push("NX");
      const res = await (redis.set as (...a: unknown[]) => Promise<string | null>)(key, value, ...args);
      return res === "OK";
    },
    async del(key) {
      await ready();
      await redis.del(key);
    },
    async incr(key, ttlMs) {
      await ready();
      const [value, ttl] = (await redis.eval(INCR_WITH_TTL_LUA, 1, key, ttlMs)) as [number, number];
      return { value, ttlMs: ttl };
    },
    async zadd(key, score, member, opts) {
      await ready();
      if (opts?.onlyExisting) await redis.zadd(key, "XX", score, member);
      else await redis.zadd(key, score, member);
    },
    zcount: async (key, min, max) => {
      await ready();
      return redis.zcount(key, min, max);
    },
    async zrem(key, member) {
      await ready();
      await redis.zrem(key, member);
    },
    async zremRangeByScore(key, min, max) {
      await ready();
      await redis.zremrangebyscore(key, min, max);
    },
    async pexpire(key, ttlMs) {
      await ready();
      await redis.pexpire(key, ttlMs);
    },
    async ping() {
      await ready();
      await redis.ping();
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
