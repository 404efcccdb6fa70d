import type { Deps } from "@/lib/deps";
import type { CaseRow } from "@/lib/db/schema";
import { getCaseOrThrow, isFinal } from "@/lib/hitl/get-case";

export type WaitOptions = {
  accountId: string;
  caseId: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called about every HITL_PROGRESS_INTERVAL_MS while waiting. */
  onProgress?: (elapsedMs: number, totalMs: number) => void | Promise<void>;
};

type Wakeup = "event" | "timer" | "abort";

/**
 * Waits until the case is final, the time is up, or the caller goes away, then returns the case as it
 * stands. The event bus wakes it the moment a change commits; a periodic re-read of the database is
 * only a safety net for a lost event.
 */
export async function waitForCase(deps: Deps, o: WaitOptions): Promise<CaseRow> {
  const started = Date.now();
  const deadline = started + o.timeoutMs;
  let pendingEvent = false;
  let wake: ((w: Wakeup) => void) | null = null;
  // Subscribe before the first read, so an answer that commits in between is not missed.
  const unsubscribe = await deps.bus.subscribe(`case:${o.caseId}`, (e) => {
    if (e.type === "case.message" || e.type === "case.claimed") return;
    pendingEvent = true;
    wake?.("event");
  });
  try {
    let row = await getCaseOrThrow(deps.db, o.accountId, o.caseId);
    let nextProgress = started + deps.config.HITL_PROGRESS_INTERVAL_MS;
    let nextRecheck = started + deps.config.HITL_RECHECK_INTERVAL_MS;
    while (!isFinal(row.status) && !o.signal?.aborted && Date.now() < deadline) {
      const at = Math.min(deadline, nextRecheck, o.onProgress ? nextProgress : Infinity);
      const reason: Wakeup = pendingEvent ? "event" : await sleep(at - Date.now(), o.signal, (w) => (wake = w));
      wake = null;
      if (reason === "abort") break;
      const t = Date.now();
      if (o.onProgress && t >= nextProgress) {
        nextProgress += deps.config.HITL_PROGRESS_INTERVAL_MS;
        await Promise.resolve(o.onProgress(t - started, o.timeoutMs)).catch(() => {});
      }
      if (pendingEvent || t >= nextRecheck || t >= deadline) {
        pendingEvent = false;
        if (t >= nextRecheck) nextRecheck = t + deps.config.HITL_RECHECK_INTERVAL_MS;
        row = await getCaseOrThrow(deps.db, o.accountId, o.caseId);
      }
    }
    return row;
  } finally {
    unsubscribe();
  }
}

/** Resolves on a timer, an abort, or when the registered wake function is called. */
function sleep(ms: number, signal: AbortSignal | undefined, register: (wake: (w: Wakeup) => void) => void): Promise<Wakeup> {
  return new Promise((resolve) => {
    const finish = (w: Wakeup) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve(w);
    };
    const onAbort = () => finish("abort");
    const timer = setTimeout(() => finish("timer"), Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
    register(finish);
  });
}
