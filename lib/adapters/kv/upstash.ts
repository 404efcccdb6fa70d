import type { Redis } from "@upstash/redis";
import { INCR_WITH_TTL_LUA, type Kv } from "@/lib/adapters/kv/port";

/**
 * Upstash Redis over its REST API (serverless-friendly: no sockets to keep open). The SDK is loaded on the
 * first command, so a route of a deployment without Upstash never loads it.
 */
export function createUpstashKv(opts: { url: string; token: string; keyPrefix?: string }): Kv {
  let client: Promise<Redis> | undefined;
  const connect = () =>
    (client ??= import("@upstash/redis").then(
      (sdk) => new sdk.Redis({ url: opts.url, token: opts.token, automaticDeserialization: false, enableTelemetry: false }),
    ));
  // Each command awaits the client once; the calls below read as the SDK's own.
  const redis = new Proxy({} as Redis, {
    get:
      (_, name: keyof Redis) =>
      async (...args: unknown[]) =>
        ((await connect())[name] as (...a: unknown[]) => unknown)(...args),
  });
  const k = (key: string) => (opts.keyPrefix ?? "") + key;
  return {
    driver: "upstash",
    async get(key) {
      return (await redis.get<string>(k(key))) ?? null;
    },
    async set(key, value, o = {}) {
      const res = o.ttlMs
        ? o.onlyIfAbsent
          ? await redis.set(k(key), value, { px: o.ttlMs, nx: true })
          : await redis.set(k(key), value, { px: o.ttlMs })
        : o.onlyIfAbsent
          ? await redis.set(k(key), value, { nx: true })
          : await redis.set(k(key), value);
      return res === "OK";
    },
    async del(key) {
      await redis.del(k(key));
    },
    async incr(key, ttlMs) {
      const [value, ttl] = (await redis.eval(INCR_WITH_TTL_LUA, [k(key)], [String(ttlMs)])) as [number, number];
      return { value: Number(value), ttlMs: Number(ttl) };
    },
    async zadd(key, score, member, opts) {
      if (opts?.onlyExisting) await redis.zadd(k(key), { xx: true }, { score, member });
      else await redis.zadd(k(key), { score, member });
    },
    async zcount(key, min, max) {
      return Number(await redis.zcount(k(key), min, max));
    },
    async zrem(key, member) {
      await redis.zrem(k(key), member);
    },
    async zremRangeByScore(key, min, max) {
      await redis.zremrangebyscore(k(key), min, max);
    },
    async pexpire(key, ttlMs) {
      await redis.pexpire(k(key), ttlMs);
    },
    async ping() {
      await redis.ping();
    },
    async close() {},
  };
}
