import { getConfig } from "@/lib/config/env";
import type { Kv } from "@/lib/kv/port";
import { createMemoryKv } from "@/lib/kv/memory";
import { createRedisKv } from "@/lib/kv/redis";
import { createUpstashKv } from "@/lib/kv/upstash";

export type { Kv } from "@/lib/kv/port";

const holder = globalThis as typeof globalThis & { __switchboardKv?: Kv };

/** The process kv store, chosen by configuration (KV_DRIVER, REDIS_URL, UPSTASH_REDIS_REST_*). */
export function getKv(): Kv {
  if (holder.__switchboardKv) return holder.__switchboardKv;
  const c = getConfig();
  holder.__switchboardKv =
    c.kvDriver === "redis"
      ? createRedisKv(c.REDIS_URL!, { keyPrefix: c.KV_PREFIX })
      : c.kvDriver === "upstash"
        ? createUpstashKv({ url: c.UPSTASH_REDIS_REST_URL!, token: c.UPSTASH_REDIS_REST_TOKEN!, keyPrefix: c.KV_PREFIX })
        : createMemoryKv();
  return holder.__switchboardKv;
}
