import Pusher from "pusher";
import type { Config } from "@/lib/platform/config/env";
import { VENDOR_EVENT_NAME } from "@/lib/adapters/realtime/events";
import { pusherChannelFor, type RealtimePublisher } from "@/lib/adapters/realtime/port";

/** The `pusher` server SDK, pointed at Pusher's cluster or at PUSHER_HOST/PUSHER_PORT (soketi, a stand-in). */
export function createPusherServer(config: Config): Pusher {
  return new Pusher({
    appId: config.PUSHER_APP_ID!,
    key: config.PUSHER_KEY!,
    secret: config.PUSHER_SECRET!,
    useTLS: config.PUSHER_USE_TLS,
    timeout: 5000,
    ...(config.PUSHER_HOST
      ? { host: config.PUSHER_HOST, ...(config.PUSHER_PORT ? { port: String(config.PUSHER_PORT) } : {}) }
      : { cluster: config.PUSHER_CLUSTER! }),
  });
}

/** Triggers each case event on the account's private channel through Pusher's signed HTTP events API. */
export function createPusherPublisher(config: Config): RealtimePublisher {
  const pusher = createPusherServer(config);
  return {
    driver: "pusher",
    async publish(accountId, event) {
      await pusher.trigger(pusherChannelFor(accountId), VENDOR_EVENT_NAME, event);
    },
  };
}
