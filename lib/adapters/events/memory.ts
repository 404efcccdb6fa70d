import { createLocalDispatch } from "@/lib/adapters/events/local-dispatch";
import type { EventBus } from "@/lib/adapters/events/port";

/** One instance: publish dispatches straight to local subscribers. */
export function createMemoryBus(): EventBus {
  const local = createLocalDispatch();
  return {
    driver: "memory",
    async publish(event) {
      queueMicrotask(() => local.dispatch(event));
    },
    async subscribe(topic, handler) {
      return local.add(topic, handler);
    },
    async ping() {},
    async close() {},
  };
}
