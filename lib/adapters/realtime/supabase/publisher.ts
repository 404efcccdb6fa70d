import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import type { Config } from "@/lib/platform/config/env";
import { VENDOR_EVENT_NAME } from "@/lib/adapters/realtime/events";
import { supabaseTopicFor, type RealtimePublisher } from "@/lib/adapters/realtime/port";

class RestOnly {
  constructor() {
    throw new Error("Switchboard publishes to Supabase Realtime over REST only; no server-side websocket.");
  }
}

/**
 * Sends each case event as a broadcast on the account's private topic through Realtime's REST endpoint
 * (channel.httpSend: POST /realtime/v1/api/broadcast/<topic>/events/<event>?private=true). REST needs no
 * open socket, which suits short-lived serverless functions; the service-role key bypasses RLS.
 */
export function createSupabasePublisher(config: Config): RealtimePublisher {
  const serviceKey = config.SUPABASE_SERVICE_ROLE_KEY!;
  let client: SupabaseClient | undefined;
  const getClient = () =>
    (client ??= createClient(config.SUPABASE_URL!, serviceKey, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      // Server-side: the service-role key is the bearer for Realtime's REST endpoint.
      accessToken: async () => serviceKey,
      // realtime-js wants a WebSocket constructor up front (Node 20 has none); the server only ever uses REST.
      realtime: { transport: RestOnly as never },
    }));
  return {
    driver: "supabase",
    async publish(accountId, event) {
      const supabase = getClient();
      const channel = supabase.channel(supabaseTopicFor(accountId), { config: { private: true } });
      try {
        await channel.httpSend(VENDOR_EVENT_NAME, event);
      } finally {
        await supabase.removeChannel(channel);
      }
    },
  };
}
