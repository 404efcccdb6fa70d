import type { Config } from "@/lib/platform/config/env";
import { getDatabase } from "@/lib/adapters/db/client";
import { createMemoryBus } from "@/lib/adapters/events/memory";
import { createPostgresBus } from "@/lib/adapters/events/postgres";
import type { EventBus } from "@/lib/adapters/events/port";
import { createRedisBus } from "@/lib/adapters/events/redis";

export type { BusEvent, EventBus, Topic } from "@/lib/adapters/events/port";

/** The settings createBus reads (the composition root keys its cache on them). */
export function busSettings(c: Config) {
  if (c.eventBus === "redis") return { driver: "redis" as const, url: c.REDIS_URL!, prefix: c.KV_PREFIX, timeoutMs: c.KV_TIMEOUT_MS };
  if (c.eventBus === "postgres") return { driver: "postgres" as const, prefix: c.KV_PREFIX };
  return { driver: "memory" as const };
}

/** An event bus, chosen by configuration (EVENT_BUS, else Redis, else Postgres on the process database, else memory). */
export async function createBus(c: Config): Promise<EventBus> {
  const s = busSettings(c);
  if (s.driver === "redis") return createRedisBus(s.url, { prefix: s.prefix, timeoutMs: s.timeoutMs });
  if (s.driver === "postgres") {
    const { pg } = await getDatabase();
    if (!pg) throw new Error("EVENT_BUS=postgres needs DATABASE_URL");
    return createPostgresBus(pg, { prefix: s.prefix });
  }
  return createMemoryBus();
}
