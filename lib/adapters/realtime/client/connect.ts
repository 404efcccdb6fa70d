import type { RealtimeClientConfig } from "@/lib/adapters/realtime/events";
import type { ConnectOptions, RealtimeConnection, RealtimeHandlers } from "@/lib/adapters/realtime/client/port";

/**
 * Opens the browser side of whichever driver the server chose. Vendor SDKs load on demand, so the SSE
 * default ships neither pusher-js nor supabase-js to the browser.
 */
export function connectRealtime(config: RealtimeClientConfig, handlers: RealtimeHandlers, opts: ConnectOptions = {}): RealtimeConnection {
  let inner: RealtimeConnection | undefined;
  let closed = false;
  const load =
    config.driver === "pusher"
      ? import("@/lib/adapters/realtime/client/pusher").then((m) => m.connectPusher(config, handlers, opts))
      : config.driver === "supabase"
        ? import("@/lib/adapters/realtime/client/supabase").then((m) => m.connectSupabase(config, handlers, opts))
        : import("@/lib/adapters/realtime/client/sse").then((m) => m.connectSse(config, handlers, opts));
  void load.then(
    (c) => {
      inner = c;
      if (closed) c.close();
    },
    () => handlers.onStatus("reconnecting"),
  );
  return {
    close() {
      closed = true;
      inner?.close();
    },
  };
}

export type { ConnectOptions, RealtimeConnection, RealtimeHandlers };
