import type { Config } from "@/lib/platform/config/env";
import type { Kv } from "@/lib/adapters/kv/port";
import { guardKv } from "@/lib/adapters/kv/guarded";
import { createMemoryKv } from "@/lib/adapters/kv/memory";
import { createRedisKv } from "@/lib/adapters/kv/redis";
import { createUpstashKv } from "@/lib/adapters/kv/upstash";

export type { Kv } from "@/lib/adapters/kv/port";

/**
 * A kv store, chosen by configuration (KV_DRIVER, REDIS_URL, UPSTASH_REDIS_REST_*). A remote store
 * sits behind a circuit breaker (lib/adapters/kv/guarded.ts): while it is unreachable, commands fail at once and
 * callers degrade instead of failing the request.
 */
export function createKv(c: Config): Kv {
  const guard = { timeoutMs: c.KV_TIMEOUT_MS, resetMs: c.KV_BREAKER_RESET_MS };
  return c.kvDriver === "redis"
    ? guardKv(createRedisKv(c.REDIS_URL!, { keyPrefix: c.KV_PREFIX, timeoutMs: c.KV_TIMEOUT_MS }), guard)
    : c.kvDriver === "upstash"
      ? guardKv(createUpstashKv({ url: c.UPSTASH_REDIS_REST_URL!, token: c.UPSTASH_REDIS_REST_TOKEN!, keyPrefix: c.KV_PREFIX }), guard)
      : createMemoryKv();
}
