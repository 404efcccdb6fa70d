import type { Config } from "@/lib/platform/config/env";
import type { RealtimePublisher } from "@/lib/adapters/realtime/port";
import { createPusherPublisher } from "@/lib/adapters/realtime/pusher/publisher";
import { createSupabasePublisher } from "@/lib/adapters/realtime/supabase/publisher";

/** The vendor fan-out for this configuration, or null for SSE (which reads the bus directly). Deps carries the process's one. */
export function createRealtimePublisher(config: Config): RealtimePublisher | null {
  return config.realtimeDriver === "pusher"
    ? createPusherPublisher(config)
    : config.realtimeDriver === "supabase"
      ? createSupabasePublisher(config)
      : null;
}
