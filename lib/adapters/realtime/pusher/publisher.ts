import type Pusher from "pusher";
import type { PusherSettings } from "@/lib/adapters/realtime/publishers";
import { VENDOR_EVENT_NAME } from "@/lib/adapters/realtime/events";
import { pusherChannelFor, type RealtimePublisher } from "@/lib/adapters/realtime/port";

/**
 * The `pusher` server SDK, pointed at Pusher's cluster or at PUSHER_HOST/PUSHER_PORT (soketi, a stand-in).
 * Imported here, on first use, so routes of a deployment without Pusher never load it.
 */
export async function createPusherServer(s: PusherSettings): Promise<Pusher> {
  const { default: PusherSdk } = await import("pusher");
  return new PusherSdk({
    appId: s.appId,
    key: s.key,
    secret: s.secret,
    useTLS: s.useTLS,
    timeout: 5000,
    ...(s.host ? { host: s.host, ...(s.port ? { port: String(s.port) } : {}) } : { cluster: s.cluster! }),
  });
}

/** Triggers each case event on the account's private channel through Pusher's signed HTTP events API. */
export function createPusherPublisher(s: PusherSettings): RealtimePublisher {
  let pusher: Promise<Pusher> | undefined;
  return {
    driver: "pusher",
    async publish(accountId, event) {
      pusher ??= createPusherServer(s);
      await (await pusher).trigger(pusherChannelFor(accountId), VENDOR_EVENT_NAME, event);
    },
  };
}
