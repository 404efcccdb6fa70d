import type { Config } from "@/lib/platform/config/env";
import type { Kv } from "@/lib/adapters/kv/port";
import { guardKv } from "@/lib/adapters/kv/guarded";
import { createMemoryKv } from "@/lib/adapters/kv/memory";
import { createRedisKv } from "@/lib/adapters/kv/redis";
import { createUpstashKv } from "@/lib/adapters/kv/upstash";

export type { Kv } from "@/lib/adapters/kv/port";

/** The settings createKv reads, and nothing else: the composition root keys its cache on them. */
export function kvSettings(c: Config) {
  const guard = { timeoutMs: c.KV_TIMEOUT_MS, resetMs: c.KV_BREAKER_RESET_MS };
  if (c.kvDriver === "redis") return { driver: "redis" as const, url: c.REDIS_URL!, keyPrefix: c.KV_PREFIX, guard };
  if (c.kvDriver === "upstash")
    return {
      driver: "upstash" as const,
      url: c.UPSTASH_REDIS_REST_URL!,
      token: c.UPSTASH_REDIS_REST_TOKEN!,
      keyPrefix: c.KV_PREFIX,
      guard,
    };
  return { driver: "memory" as const };
}

/**
 * A kv store, chosen by configuration (KV_DRIVER, REDIS_URL, UPSTASH_REDIS_REST_*). A remote store
 * sits behind a circuit breaker (lib/adapters/kv/guarded.ts): while it is unreachable, commands fail at once and
 * callers degrade instead of failing the request.
 */
export function createKv(c: Config): Kv {
  const s = kvSettings(c);
  if (s.driver === "redis") return guardKv(createRedisKv(s.url, { keyPrefix: s.keyPrefix, timeoutMs: s.guard.timeoutMs }), s.guard);
  if (s.driver === "upstash") return guardKv(createUpstashKv({ url: s.url, token: s.token, keyPrefix: s.keyPrefix }), s.guard);
  return createMemoryKv();
}
