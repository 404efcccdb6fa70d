import { createClient } from "@supabase/supabase-js";
import { isCaseEvent, VENDOR_EVENT_NAME, type RealtimeClientConfig } from "@/lib/adapters/realtime/events";
import { resolveUrl, type Connector } from "@/lib/adapters/realtime/client/port";

type SupabaseConfig = Extract<RealtimeClientConfig, { driver: "supabase" }>;

const REFRESH_BEFORE_S = 120;

/**
 * supabase-js on the account's private broadcast topic. The access token is one our server minted for
 * this member (account claim inside); realtime-js asks for it on connect and every heartbeat, so a token
 * near expiry is swapped for a fresh one from our endpoint. Every (re)join is a `resync`.
 */
export const connectSupabase: Connector<SupabaseConfig> = (config, handlers, opts) => {
  let token = config.accessToken;
  let expiresAt = config.expiresAt;
  let closed = false;
  let wasLive = false;
  let denied = false;
  const deny = () => {
    denied = true;
    handlers.onStatus("denied");
    void supabase.removeAllChannels();
  };
  const accessToken = async () => {
    if (expiresAt - Date.now() / 1000 > REFRESH_BEFORE_S || closed) return token;
    const res = await fetch(resolveUrl(config.tokenEndpoint, opts), {
      method: "POST",
      credentials: "same-origin",
      headers: { ...config.headers },
    });
    if (res.status === 401 || res.status === 403) deny();
    else if (res.ok) ({ accessToken: token, expiresAt } = (await res.json()) as { accessToken: string; expiresAt: number });
    return token;
  };
  const supabase = createClient(config.url, config.anonKey, {
    accessToken,
    realtime: opts.webSocket ? { transport: opts.webSocket as never } : {},
  });
  handlers.onStatus("connecting");
  const channel = supabase.channel(config.topic, { config: { private: true, broadcast: { self: false, ack: false } } });
  channel.on("broadcast", { event: VENDOR_EVENT_NAME }, (msg: { payload?: unknown }) => {
    if (isCaseEvent(msg.payload)) handlers.onEvent(msg.payload);
  });
  // Join only once the token is in place: realtime-js fetches it asynchronously, and a private join without one is refused.
  void supabase.realtime.setAuth().then(() => {
    if (!closed) channel.subscribe(onSubscribeStatus);
  });
  function onSubscribeStatus(status: string, err?: Error) {
    if (closed || denied) return;
    if (status === "SUBSCRIBED") {
      wasLive = true;
      handlers.onStatus("live");
      handlers.onEvent({ type: "resync", at: new Date().toISOString() });
    } else if (status === "CHANNEL_ERROR" && /unauthori[sz]ed|permission|forbidden/i.test(err?.message ?? "")) {
      deny();
    } else {
      handlers.onStatus(wasLive ? "reconnecting" : "connecting");
    }
  }
  return {
    close() {
      closed = true;
      void supabase.removeAllChannels();
    },
  };
};
