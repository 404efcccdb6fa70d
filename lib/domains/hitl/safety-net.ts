import { and, inArray, notInArray } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import { cases } from "@/lib/adapters/db/schema";
import { log } from "@/lib/platform/log";
import { waitLane } from "@/lib/adapters/db/client";

type Net = { waiters: Map<string, Set<() => void>>; timer: NodeJS.Timeout | null };

// One net per database: a process-wide loop instead of one timer and one query per waiting call.
const nets = new WeakMap<object, Net>();
const CHUNK = 500;

/**
 * The safety net under the event bus: every HITL_RECHECK_INTERVAL_MS one query per 500 waited cases
 * asks which of them became final, and wakes their waiters. Normally the bus has already woken them;
 * this catches an event lost between instances. Returns the function that stops watching.
 */
export function watchCase(deps: Deps, caseId: string, wake: () => void): () => void {
  let net = nets.get(deps.db);
  if (!net) {
    net = { waiters: new Map(), timer: null };
    nets.set(deps.db, net);
  }
  const n = net;
  let set = n.waiters.get(caseId);
  if (!set) {
    set = new Set();
    n.waiters.set(caseId, set);
  }
  set.add(wake);
  if (!n.timer) {
    n.timer = setInterval(() => void sweep(deps, n), deps.config.HITL_RECHECK_INTERVAL_MS);
    n.timer.unref?.();
  }
  return () => {
    set.delete(wake);
    if (set.size === 0) n.waiters.delete(caseId);
    if (n.waiters.size === 0 && n.timer) {
      clearInterval(n.timer);
      n.timer = null;
    }
  };
}

async function sweep(deps: Deps, net: Net): Promise<void> {
  const ids = [...net.waiters.keys()];
  for (let i = 0; i < ids.length; i += CHUNK) {
    try {
      const done = await waitLane(deps.db)
        .select({ id: cases.id })
        .from(cases)
        .where(and(inArray(cases.id, ids.slice(i, i + CHUNK)), notInArray(cases.status, ["open", "claimed"])));
      for (const { id } of done) for (const wake of net.waiters.get(id) ?? []) wake();
    } catch (e) {
      log.warn({ err: String(e) }, "safety-net re-check failed; will retry");
    }
  }
}
