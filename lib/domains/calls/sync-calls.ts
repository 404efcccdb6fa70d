import type { Deps } from "@/lib/platform/deps";
import { log } from "@/lib/platform/log";
import { acquireLease, releaseLease, saveCheckpoint } from "@/lib/domains/calls/sync/lease";
import { createRateLimiter } from "@/lib/domains/calls/sync/rate-limiter";
import type { SyncOutcome } from "@/lib/domains/calls/sync/sync-one-call";
import { applyBatchReads, readBatch, type BatchReads } from "@/lib/domains/calls/sync/sync-batch";
import { nextBatch } from "@/lib/domains/calls/sync/work-list";
import { resolveUnplacedCalls } from "@/lib/domains/calls/sync/resolve-unplaced";

export type SyncRunResult = {
  status: "finished" | "lease_held" | "time_boxed" | "lease_lost" | "stopped";
  runId?: string;
  resumed: boolean;
  batches: number;
  providerRequests: number;
  counts: Record<SyncOutcome, number>;
  /** Calls never handed to the provider, past the grace period: marked failed, hold released. */
  unplacedFailed: number;
  ms: number;
};

export type SyncRunOptions = {
  /**
   * Stop after this many batches the way a crash would — lease and checkpoint left in place, nothing
   * cleaned up — so tests and operators can see a later run resume from the checkpoint.
   */
  stopAfterBatches?: number;
};

/**
 * Reconciles calls that are not final with their provider (webhooks are the fast path; this catches what
 * they missed). One runner at a time (lease), batches of CALL_SYNC_BATCH_SIZE oldest first, a checkpoint
 * after each batch so a crashed or time-boxed run resumes where it stopped, CALL_SYNC_CONCURRENCY requests
 * in flight at most CALL_SYNC_RPS per second, and repeated failures moved to dead_letters.
 */
export async function runSyncCalls(deps: Deps, opts: SyncRunOptions = {}): Promise<SyncRunResult> {
  const c = deps.config;
  const started = performance.now();
  const counts: Record<SyncOutcome, number> = { updated: 0, unchanged: 0, failed: 0, dead_lettered: 0 };
  let unplacedFailed = 0;
  const result = (status: SyncRunResult["status"], extra: Partial<SyncRunResult> = {}): SyncRunResult => ({
    status,
    resumed: false,
    batches: 0,
    providerRequests: 0,
    counts,
    unplacedFailed,
    ms: Math.round(performance.now() - started),
    ...extra,
  });
  const lease = await acquireLease(deps.db, c.CALL_SYNC_LEASE_SECONDS);
  if (!lease) return result("lease_held");
  const take = createRateLimiter(c.CALL_SYNC_RPS);
  const deadline = started + c.CALL_SYNC_MAX_RUN_SECONDS * 1000;
  let batches = 0;
  let requests = 0;
  const done = (status: SyncRunResult["status"]) =>
    result(status, { runId: lease.runId, resumed: lease.resumed, batches, providerRequests: requests });
  try {
    unplacedFailed = await resolveUnplacedCalls(deps);
    const readNext = async (after?: string) => readBatch(deps, await nextBatch(deps, c.CALL_SYNC_BATCH_SIZE, after), take);
    let ahead: Promise<BatchReads> | undefined;
    for (;;) {
      if (!ahead && opts.stopAfterBatches !== undefined && batches >= opts.stopAfterBatches) return done("stopped");
      if (!ahead && performance.now() > deadline) {
        await releaseLease(deps.db, lease, false);
        return done("time_boxed");
      }
      const reads = await (ahead ?? readNext());
      ahead = undefined;
      requests += reads.requests;
      if (!reads.batch.length) {
        await releaseLease(deps.db, lease, true);
        log.info({ runId: lease.runId, resumed: lease.resumed, batches, requests, unplacedFailed, ...counts }, "call sync finished");
        return done("finished");
      }
      const last = reads.batch[reads.batch.length - 1]!.id;
      // The provider is the slow side: read the next batch while this one is applied. Not after a short
      // batch (the list is exhausted) nor on the last batch a run may do, so a stopped or time-boxed run
      // reads nothing it does not apply.
      const more =
        reads.batch.length === c.CALL_SYNC_BATCH_SIZE &&
        performance.now() < deadline &&
        (opts.stopAfterBatches === undefined || batches + 1 < opts.stopAfterBatches);
      if (more) {
        ahead = readNext(last);
        ahead.catch(() => undefined); // awaited next turn; this only keeps it from being "unhandled" meanwhile
      }
      await applyBatchReads(deps, reads, counts);
      batches++;
      if (!(await saveCheckpoint(deps.db, lease, last, reads.batch.length, c.CALL_SYNC_LEASE_SECONDS))) return done("lease_lost");
    }
  } catch (e) {
    // Leave the checkpoint: the next run resumes after the last finished batch.
    await releaseLease(deps.db, lease, false).catch(() => undefined);
    log.error({ runId: lease.runId, err: e instanceof Error ? e.message : String(e) }, "call sync run failed");
    throw e;
  }
}
