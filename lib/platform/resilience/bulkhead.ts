import { bulkhead } from "cockatiel";
import { dependencyBusy } from "@/lib/platform/resilience/dependency-error";

export type Bulkhead = {
  /** Runs `fn` in a slot: at once when one is free, after queueing otherwise; "busy" when the queue is full or the wait too long. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  stats(): { active: number; queued: number; limit: number; queueMax: number };
};

/**
 * cockatiel's bulkhead (a concurrency limit and a bounded queue) plus a queue time-out, which it lacks: a
 * call still queued after `queueTimeoutMs` leaves with the "busy" error (its queue entry is dropped, not
 * run, when its turn comes). Time spent running is not bounded here; the breaker bounds that.
 */
export function createBulkhead(o: { limit: number; queueMax: number; queueTimeoutMs: number }): Bulkhead {
  const policy = bulkhead(o.limit, o.queueMax);
  return {
    async run(fn) {
      if (policy.executionSlots > 0) return policy.execute(fn);
      // A call that leaves the queue on time-out stays in cockatiel's queue as a no-op: aborting it instead
      // would make cockatiel drop it without dequeuing the next one, stranding every call queued behind it.
      let abandoned = false;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          abandoned = true;
          reject(dependencyBusy("escalations"));
        }, o.queueTimeoutMs);
      });
      const queued = policy.execute(() => (abandoned ? Promise.resolve(undefined as never) : fn()));
      queued.catch(() => {});
      try {
        return await Promise.race([queued, late]);
      } catch (e) {
        // Full queue: cockatiel's BulkheadRejectedError (read by its flag; no instanceof across bundles).
        if (typeof e === "object" && e !== null && "isBulkheadRejectedError" in e) throw dependencyBusy("escalations");
        throw e;
      } finally {
        clearTimeout(timer);
      }
    },
    stats: () => ({
      active: o.limit - policy.executionSlots,
      queued: o.queueMax - policy.queueSlots,
      limit: o.limit,
      queueMax: o.queueMax,
    }),
  };
}
