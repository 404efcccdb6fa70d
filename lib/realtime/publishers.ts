import type { Config } from "@/lib/config/env";
import type { RealtimePublisher } from "@/lib/realtime/port";
import { createPusherPublisher } from "@/lib/realtime/pusher/publisher";
import { createSupabasePublisher } from "@/lib/realtime/supabase/publisher";

// One vendor client per configuration object (the process has one; tests build their own).
const cache = new WeakMap<Config, RealtimePublisher | null>();

/** The vendor fan-out for this configuration, or null for SSE (which reads the bus directly). */
export function getRealtimePublisher(config: Config): RealtimePublisher | null {
  if (cache.has(config)) return cache.get(config)!;
  const publisher =
    config.realtimeDriver === "pusher" ? createPusherPublisher(config) : config.realtimeDriver === "supabase" ? createSupabasePublisher(config) : null;
  cache.set(config, publisher);
  return publisher;
}
