import type { Config } from "@/lib/platform/config/env";
import type { RealtimePublisher } from "@/lib/adapters/realtime/port";
import { createPusherPublisher } from "@/lib/adapters/realtime/pusher/publisher";
import { createSupabasePublisher } from "@/lib/adapters/realtime/supabase/publisher";

export type PusherSettings = {
  appId: string;
  key: string;
  secret: string;
  cluster?: string;
  host?: string;
  port?: number;
  useTLS: boolean;
};
export type SupabaseSettings = { url: string; serviceRoleKey: string };

/** What the vendor fan-out is built from (and nothing else: the composition root keys its cache on it). */
export function realtimeSettings(c: Config): { pusher?: PusherSettings; supabase?: SupabaseSettings } {
  if (c.realtimeDriver === "pusher")
    return {
      pusher: {
        appId: c.PUSHER_APP_ID!,
        key: c.PUSHER_KEY!,
        secret: c.PUSHER_SECRET!,
        cluster: c.PUSHER_CLUSTER,
        host: c.PUSHER_HOST,
        port: c.PUSHER_PORT,
        useTLS: c.PUSHER_USE_TLS,
      },
    };
  if (c.realtimeDriver === "supabase") return { supabase: { url: c.SUPABASE_URL!, serviceRoleKey: c.SUPABASE_SERVICE_ROLE_KEY! } };
  return {};
}

/** The vendor fan-out for this configuration, or null for SSE (which reads the bus directly). Deps carries the process's one. */
export function createRealtimePublisher(config: Config): RealtimePublisher | null {
  const s = realtimeSettings(config);
  return s.pusher ? createPusherPublisher(s.pusher) : s.supabase ? createSupabasePublisher(s.supabase) : null;
}
