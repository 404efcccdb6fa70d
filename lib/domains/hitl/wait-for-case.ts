import type { Deps } from "@/lib/platform/deps";
import type { CaseRow } from "@/lib/adapters/db/schema";
import { getCaseOrThrow, isFinal } from "@/lib/domains/hitl/get-case";
import { watchCase } from "@/lib/domains/hitl/safety-net";
import { waitLane } from "@/lib/adapters/db/client";

export type WaitOptions = {
  accountId: string;
  caseId: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called about every HITL_PROGRESS_INTERVAL_MS while waiting. */
  onProgress?: (elapsedMs: number, totalMs: number) => void | Promise<void>;
};

type Wakeup = "changed" | "timer" | "abort";

/**
 * Waits until the case is final, the time is up, or the caller goes away, then returns the case as it
 * stands. The event bus wakes it the moment a change commits; the process-wide safety net
 * (lib/domains/hitl/safety-net.ts) wakes it if an event was lost. No polling loop of its own.
 */
export async function waitForCase(deps: Deps, o: WaitOptions): Promise<CaseRow> {
  const started = Date.now();
  const deadline = started + o.timeoutMs;
  let changed = false;
  // The answer, when its event carried it: the committed transaction announced it, so no read is needed.
  let heard: { answer: string; choice: string | null } | undefined;
  let wake: ((w: Wakeup) => void) | null = null;
  const onChange = () => {
    changed = true;
    wake?.("changed");
  };
  // Subscribe before the first read, so an answer that commits in between is not missed.
  const unsubscribe = await deps.bus.subscribe(`case:${o.caseId}`, (e) => {
    if (e.type === "case.answered" && e.accountId === o.accountId && typeof e.answer === "string")
      heard = { answer: e.answer, choice: e.choice ?? null };
    if (e.type !== "case.message" && e.type !== "case.claimed") onChange();
  });
  const unwatch = watchCase(deps, o.caseId, onChange);
  // Its own lane: an answer must not queue behind a burst of other answers' transactions in the pool.
  const db = waitLane(deps.db);
  try {
    let row = await getCaseOrThrow(db, o.accountId, o.caseId);
    let nextProgress = started + deps.config.HITL_PROGRESS_INTERVAL_MS;
    while (!isFinal(row.status) && !o.signal?.aborted && Date.now() < deadline) {
      const at = Math.min(deadline, o.onProgress ? nextProgress : Infinity);
      const reason: Wakeup = changed ? "changed" : await sleep(at - Date.now(), o.signal, (w) => (wake = w));
      wake = null;
      if (reason === "abort") break;
      const t = Date.now();
      if (o.onProgress && t >= nextProgress) {
        nextProgress += deps.config.HITL_PROGRESS_INTERVAL_MS;
        await Promise.resolve()
          .then(() => o.onProgress!(t - started, o.timeoutMs))
          .catch(() => {});
      }
      if (heard !== undefined) row = { ...row, status: "answered", ...heard };
      else if (changed || t >= deadline) {
        changed = false;
        row = await getCaseOrThrow(db, o.accountId, o.caseId);
      }
    }
    return row;
  } finally {
    unwatch();
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
