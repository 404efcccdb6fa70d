import type { Config } from "@/lib/config/env";
import { getDatabase } from "@/lib/db/client";
import { createMemoryBus } from "@/lib/events/memory";
import { createPostgresBus } from "@/lib/events/postgres";
import type { EventBus } from "@/lib/events/port";
import { createRedisBus } from "@/lib/events/redis";

export type { BusEvent, EventBus, Topic } from "@/lib/events/port";

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
