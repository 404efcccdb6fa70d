import type { EventBus } from "@/lib/adapters/events/port";
import { toCaseEvent } from "@/lib/adapters/realtime/port";
import type { CaseEvent } from "@/lib/adapters/realtime/events";

const KEEP = 200;
const KEEP_MS = 5 * 60_000;
/** A hub outlives its last stream briefly so a browser that reconnects (or was cut off by SSE max time) can resume. */
const LINGER_MS = 60_000;

type Listener = (e: CaseEvent) => void;
type Hub = { listeners: Set<Listener>; recent: { e: CaseEvent; t: number }[]; ready: Promise<() => void>; linger?: NodeJS.Timeout };

// Per bus (tests run several) → per account: one bus subscription however many tabs are open.
const hubsByBus = new WeakMap<EventBus, Map<string, Hub>>();

function hubFor(bus: EventBus, accountId: string): Hub {
  let hubs = hubsByBus.get(bus);
  if (!hubs) {
    hubs = new Map();
    hubsByBus.set(bus, hubs);
  }
  const hub = hubs.get(accountId);
  if (hub) return hub;
  const created: Hub = { listeners: new Set(), recent: [], ready: Promise.resolve(() => {}) };
  created.ready = bus.subscribe(`account:${accountId}`, (raw) => {
    if (raw.accountId !== accountId) return;
    const e = toCaseEvent(raw);
    const now = Date.now();
    created.recent.push({ e, t: now });
    while (created.recent.length > KEEP || (created.recent[0] && now - created.recent[0].t > KEEP_MS)) created.recent.shift();
    for (const l of created.listeners) l(e);
  });
  created.ready.catch(() => hubs.delete(accountId));
  hubs.set(accountId, created);
  return created;
}

/**
 * Attaches a listener to the account's hub; resolves once the bus subscription is live. With `lastEventId`,
 * also returns the events after it when this process still holds them (`replayed: null` when it cannot tell).
 */
export async function joinAccountHub(bus: EventBus, accountId: string, listener: Listener, lastEventId?: string | null) {
  const hub = hubFor(bus, accountId);
  clearTimeout(hub.linger);
  hub.listeners.add(listener);
  try {
    await hub.ready;
  } catch (e) {
    hub.listeners.delete(listener);
    throw e;
  }
  let replayed: CaseEvent[] | null = null;
  if (lastEventId) {
    const i = hub.recent.findIndex((r) => r.e.id === lastEventId);
    if (i >= 0) replayed = hub.recent.slice(i + 1).map((r) => r.e);
  }
  const leave = () => {
    if (!hub.listeners.delete(listener) || hub.listeners.size) return;
    hub.linger = setTimeout(() => {
      if (hub.listeners.size) return;
      hubsByBus.get(bus)?.delete(accountId);
      void hub.ready.then((unsubscribe) => unsubscribe());
    }, LINGER_MS);
    hub.linger.unref?.();
  };
  return { replayed, leave };
}

/** Open SSE listeners in this process (for health and tests). */
export function hubListenerCount(bus: EventBus, accountId: string): number {
  return hubsByBus.get(bus)?.get(accountId)?.listeners.size ?? 0;
}
