import type { BusEvent, Handler, Topic } from "@/lib/adapters/events/port";

/** Topic → handlers, within one process. */
export function createLocalDispatch() {
  const handlers = new Map<Topic, Set<Handler>>();
  return {
    add(topic: Topic, handler: Handler): () => void {
      let set = handlers.get(topic);
      if (!set) {
        set = new Set();
        handlers.set(topic, set);
      }
      set.add(handler);
      return () => {
        set.delete(handler);
        if (set.size === 0) handlers.delete(topic);
      };
    },
    dispatch(event: BusEvent): void {
      for (const topic of [`case:${event.caseId}`, `account:${event.accountId}`] as const) {
        for (const h of handlers.get(topic) ?? []) {
          try {
            h(event);
          } catch {
            // a failing subscriber must not stop the others
          }
        }
      }
    },
    get size() {
      let n = 0;
      for (const s of handlers.values()) n += s.size;
      return n;
    },
  };
}

export const WIRE_CHANNEL = "switchboard_events";

export function parseWireEvent(raw: string): BusEvent | null {
  try {
    const e = JSON.parse(raw) as BusEvent;
    return typeof e?.caseId === "string" && typeof e?.accountId === "string" ? e : null;
  } catch {
    return null;
  }
}
