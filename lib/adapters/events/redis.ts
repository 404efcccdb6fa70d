import type Redis from "ioredis";
import { createLocalDispatch, parseWireEvent, WIRE_CHANNEL } from "@/lib/adapters/events/local-dispatch";
import type { EventBus } from "@/lib/adapters/events/port";
import { createFastFailRedis, whenReady } from "@/lib/adapters/kv/redis-client";
import { log } from "@/lib/platform/log";

/**
 * Redis pub/sub: one subscriber connection per process, one channel (namespaced by prefix).
 * While Redis is away the bus degrades instead of blocking: `subscribe` registers locally without waiting (ioredis resubscribes by itself once Redis is back), `publish` still reaches this instance's
 * subscribers, and waiting tool calls on other instances are woken by the database safety net
 * (lib/domains/hitl/safety-net.ts). Both calls fail fast, never queue.
 */
const SUBSCRIBE_WAIT_MS = 5_000;

export function createRedisBus(url: string, opts: { prefix?: string; timeoutMs?: number } = {}): EventBus & { connected(): boolean } {
  const channel = `${opts.prefix ?? ""}${WIRE_CHANNEL}`;
  const timeoutMs = opts.timeoutMs ?? 500;
  const pub = createFastFailRedis(url, { timeoutMs });
  let unreachable = false;
  pub.on("error", () => (unreachable = true));
  pub.on("ready", () => (unreachable = false));
  let sub: Redis | undefined;
  let ready: Promise<void> | undefined;
  const local = createLocalDispatch();

  const ensureSubscribed = () =>
    (ready ??= (async () => {
      // Subscribing may wait for Redis (an offline queue, no command timeout); its caller does not.
      sub = createFastFailRedis(url, { enableOfflineQueue: true, commandTimeout: undefined, maxRetriesPerRequest: null, timeoutMs });
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
      try {
        await whenReady(pub, timeoutMs);
        await pub.publish(channel, JSON.stringify(event));
      } catch (e) {
        // Other instances miss it (their safety net catches up); this one need not.
        queueMicrotask(() => local.dispatch(event));
        throw e;
      }
    },
    async subscribe(topic, handler) {
      const unsubscribe = local.add(topic, handler);
      let timer: NodeJS.Timeout | undefined;
      // With Redis up (or not tried yet), wait for the subscription so nothing published afterwards is
      // missed; with Redis known to be away, do not wait at all.
      const bound = unreachable ? 0 : SUBSCRIBE_WAIT_MS;
      const late = new Promise<"late">((r) => (timer = setTimeout(() => r("late"), bound)));
      const live = ensureSubscribed().then(
        () => "live" as const,
        () => "late" as const,
      );
      const outcome = await Promise.race([live, late]).finally(() => clearTimeout(timer));
      if (outcome === "late") log.warn({ topic }, "event bus not subscribed yet (Redis unreachable?): relying on the database safety net");
      return unsubscribe;
    },
    async ping() {
      await whenReady(pub, timeoutMs);
      await pub.ping();
    },
    /** Publishing works and the subscription (once one was asked for) is live. */
    connected: () => pub.status === "ready" && (sub === undefined || sub.status === "ready"),
    async close() {
      await Promise.allSettled([pub.quit().catch(() => pub.disconnect()), sub?.quit().catch(() => sub?.disconnect())]);
    },
  };
}
