import Pusher from "pusher-js";
import { isCaseEvent, VENDOR_EVENT_NAME, type RealtimeClientConfig } from "@/lib/adapters/realtime/events";
import { resolveUrl, type Connector } from "@/lib/adapters/realtime/client/port";

type PusherConfig = Extract<RealtimeClientConfig, { driver: "pusher" }>;

/**
 * pusher-js on the account's private channel. Authorization is our POST endpoint (session cookie in the
 * browser); pusher-js reconnects and re-subscribes by itself, and each successful (re)subscription is a
 * `resync` because Pusher does not replay what was missed.
 */
export const connectPusher: Connector<PusherConfig> = (config, handlers, opts) => {
  let wasLive = false;
  let denied = false;
  const pusher = new Pusher(config.key, {
    cluster: config.cluster,
    forceTLS: config.forceTLS,
    ...(config.wsHost ? { wsHost: config.wsHost, httpHost: config.wsHost } : {}),
    ...(config.wsPort ? { wsPort: config.wsPort, wssPort: config.wsPort } : {}),
    enabledTransports: ["ws", "wss"],
    disableStats: true,
    channelAuthorization: { transport: "ajax", endpoint: resolveUrl(config.authEndpoint, opts), headers: config.headers ?? {} },
  });
  handlers.onStatus("connecting");
  pusher.connection.bind("state_change", ({ current }: { current: string }) => {
    if (denied) return;
    if (current === "connecting" || current === "unavailable" || current === "disconnected")
      handlers.onStatus(wasLive ? "reconnecting" : "connecting");
  });
  const channel = pusher.subscribe(config.channel);
  channel.bind("pusher:subscription_succeeded", () => {
    denied = false;
    wasLive = true;
    handlers.onStatus("live");
    handlers.onEvent({ type: "resync", at: new Date().toISOString() });
  });
  channel.bind("pusher:subscription_error", (err: { status?: number }) => {
    // 401/403 from our endpoint (signed out, or not this account's channel) will not get better by retrying.
    if (err?.status === 401 || err?.status === 403) {
      denied = true;
      handlers.onStatus("denied");
      pusher.disconnect();
    }
  });
  channel.bind(VENDOR_EVENT_NAME, (data: unknown) => {
    if (isCaseEvent(data)) handlers.onEvent(data);
  });
  return {
    close() {
      pusher.unsubscribe(config.channel);
      pusher.disconnect();
    },
  };
};
