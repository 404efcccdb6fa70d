import { getConfig, type Config } from "@/lib/config/env";
import { getDatabase, type Db } from "@/lib/db/client";
import { getBus, type EventBus } from "@/lib/events";
import { getKv, type Kv } from "@/lib/kv";

/** What domain functions need from the outside world; tests build their own. */
export type Deps = { db: Db; kv: Kv; bus: EventBus; config: Config };

export async function getDeps(): Promise<Deps> {
  const [database, bus] = await Promise.all([getDatabase(), getBus()]);
  return { db: database.db, kv: getKv(), bus, config: getConfig() };
}
