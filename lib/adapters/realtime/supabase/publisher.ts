import type { SupabaseClient } from "@supabase/supabase-js";
import type { SupabaseSettings } from "@/lib/adapters/realtime/publishers";
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
 * supabase-js is imported on the first publish, so routes of a deployment without Supabase never load it.
 */
export function createSupabasePublisher(s: SupabaseSettings): RealtimePublisher {
  const serviceKey = s.serviceRoleKey;
  let client: Promise<SupabaseClient> | undefined;
  const getClient = () =>
    (client ??= import("@supabase/supabase-js").then(({ createClient }) =>
      createClient(s.url, serviceKey, {
        auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
        // Server-side: the service-role key is the bearer for Realtime's REST endpoint.
        accessToken: async () => serviceKey,
        // realtime-js wants a WebSocket constructor up front (Node 20 has none); the server only ever uses REST.
        realtime: { transport: RestOnly as never },
      }),
    ));
  return {
    driver: "supabase",
    async publish(accountId, event) {
      const supabase = await getClient();
      const channel = supabase.channel(supabaseTopicFor(accountId), { config: { private: true } });
      try {
        await channel.httpSend(VENDOR_EVENT_NAME, event);
      } finally {
        await supabase.removeChannel(channel);
      }
    },
  };
}
