import type { Config } from "@/lib/platform/config/env";
import { getDatabase } from "@/lib/adapters/db/client";
import { createMemoryBus } from "@/lib/adapters/events/memory";
import { createPostgresBus } from "@/lib/adapters/events/postgres";
import type { EventBus } from "@/lib/adapters/events/port";
import { createRedisBus } from "@/lib/adapters/events/redis";

export type { BusEvent, EventBus, Topic } from "@/lib/adapters/events/port";

/** An event bus, chosen by configuration (EVENT_BUS, else Redis, else Postgres on the process database, else memory). */
export async function createBus(c: Config): Promise<EventBus> {
  if (c.eventBus === "redis") return createRedisBus(c.REDIS_URL!, { prefix: c.KV_PREFIX, timeoutMs: c.KV_TIMEOUT_MS });
  if (c.eventBus === "postgres") {
    const { pg } = await getDatabase();
    if (!pg) throw new Error("EVENT_BUS=postgres needs DATABASE_URL");
    return createPostgresBus(pg, { prefix: c.KV_PREFIX });
  }
  return createMemoryBus();
}
