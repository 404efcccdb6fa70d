import Redis from "ioredis";
import { createLocalDispatch, parseWireEvent, WIRE_CHANNEL } from "@/lib/events/local-dispatch";
import type { EventBus } from "@/lib/events/port";

/** Redis pub/sub: one subscriber connection per process, one channel (namespaced by prefix). */
export function createRedisBus(url: string, opts: { prefix?: string } = {}): EventBus {
  const channel = `${opts.prefix ?? ""}${WIRE_CHANNEL}`;
  const pub = new Redis(url, { maxRetriesPerRequest: 2 });
  let sub: Redis | undefined;
  let ready: Promise<void> | undefined;
  const local = createLocalDispatch();

  const ensureSubscribed = () =>
    (ready ??= (async () => {
      sub = new Redis(url, { maxRetriesPerRequest: null });
      sub.on("message", (ch: string, raw: string) => {
        if (ch !== channel) return;
        const e = parseWireEvent(raw);
        if (e) local.dispatch(e);
      });
      await sub.subscribe(channel);
    })().catch((e) => {
      ready = undefined;
      throw e;
    }));

  return {
    driver: "redis",
    async publish(event) {
      await pub.publish(channel, JSON.stringify(event));
    },
    async subscribe(topic, handler) {
      await ensureSubscribed();
      return local.add(topic, handler);
    },
    async ping() {
      await pub.ping();
    },
    async close() {
      await Promise.allSettled([pub.quit(), sub?.quit()]);
    },
  };
}
