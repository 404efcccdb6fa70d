import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { CallsDeps } from "@/lib/calls/deps";
import { calls } from "@/lib/db/schema";
import { log } from "@/lib/log";
import { acquireLease, afterCheckpoint, releaseLease, saveCheckpoint } from "@/lib/calls/sync/lease";
import { createRateLimiter } from "@/lib/calls/sync/rate-limiter";
import { DEAD_LETTER_KIND, type SyncItem, type SyncOutcome } from "@/lib/calls/sync/sync-one-call";
import { syncBatch } from "@/lib/calls/sync/sync-batch";
import { resolveUnplacedCalls } from "@/lib/calls/sync/resolve-unplaced";

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

const OPEN = ["queued", "ringing", "in_progress"] as const;

/** The next batch: open calls of this provider after the checkpoint, oldest first, not backing off, not dead-lettered. */
async function nextBatch(deps: CallsDeps, size: number): Promise<SyncItem[]> {
  return deps.db
    .select({
      id: calls.id,
      accountId: calls.accountId,
      provider: calls.provider,
      providerCallId: sql<string>`${calls.providerCallId}`,
      status: calls.status,
      transcriptTurns: sql<number>`jsonb_array_length(${calls.transcript})::int`,
      recordingAvailable: calls.recordingAvailable,
      failures: sql<number>`coalesce((select f.failures from call_sync_failures f where f.call_id = ${calls.id}), 0)::int`,
    })
    .from(calls)
    .where(
      and(
        inArray(calls.status, [...OPEN]),
        eq(calls.provider, deps.telephony.name),
        isNotNull(calls.providerCallId),
        afterCheckpoint(calls.createdAt, calls.id),
        sql`not exists (select 1 from call_sync_failures f where f.call_id = ${calls.id} and f.next_attempt_at > now())`,
        sql`not exists (select 1 from dead_letters d where d.kind = ${DEAD_LETTER_KIND} and d.ref = ${calls.id}::text and d.status = 'open')`,
      ),
    )
    .orderBy(asc(calls.createdAt), asc(calls.id))
    .limit(size);
}

/**
 * Reconciles calls that are not final with their provider (webhooks are the fast path; this catches what
 * they missed). One runner at a time (lease), batches of CALL_SYNC_BATCH_SIZE oldest first, a checkpoint
 * after each batch so a crashed or time-boxed run resumes where it stopped, CALL_SYNC_CONCURRENCY requests
 * in flight at most CALL_SYNC_RPS per second, and repeated failures moved to dead_letters.
 */
export async function runSyncCalls(deps: CallsDeps, opts: SyncRunOptions = {}): Promise<SyncRunResult> {
  const c = deps.config;
  const started = performance.now();
  const counts: Record<SyncOutcome, number> = { updated: 0, unchanged: 0, failed: 0, dead_lettered: 0 };
  let unplacedFailed = 0;
  const result = (status: SyncRunResult["status"], extra: Partial<SyncRunResult> = {}): SyncRunResult => ({
    status, resumed: false, batches: 0, providerRequests: 0, counts, unplacedFailed, ms: Math.round(performance.now() - started), ...extra,
  });
  const lease = await acquireLease(deps.db, c.CALL_SYNC_LEASE_SECONDS);
  if (!lease) return result("lease_held");
  const take = createRateLimiter(c.CALL_SYNC_RPS);
  const deadline = started + c.CALL_SYNC_MAX_RUN_SECONDS * 1000;
  let batches = 0;
  let requests = 0;
  const done = (status: SyncRunResult["status"]) => result(status, { runId: lease.runId, resumed: lease.resumed, batches, providerRequests: requests });
  try {
    unplacedFailed = await resolveUnplacedCalls(deps);
    for (;;) {
      if (opts.stopAfterBatches !== undefined && batches >= opts.stopAfterBatches) return done("stopped");
      if (performance.now() > deadline) {
        await releaseLease(deps.db, lease, false);
        return done("time_boxed");
      }
      const batch = await nextBatch(deps, c.CALL_SYNC_BATCH_SIZE);
      if (!batch.length) {
        await releaseLease(deps.db, lease, true);
        log.info({ runId: lease.runId, resumed: lease.resumed, batches, requests, ...counts }, "call sync finished");
        return done("finished");
      }
      requests += await syncBatch(deps, batch, take, counts);
      batches++;
      if (!(await saveCheckpoint(deps.db, lease, batch[batch.length - 1]!.id, batch.length, c.CALL_SYNC_LEASE_SECONDS))) return done("lease_lost");
    }
  } catch (e) {
    // Leave the checkpoint: the next run resumes after the last finished batch.
    await releaseLease(deps.db, lease, false).catch(() => undefined);
    log.error({ runId: lease.runId, err: e instanceof Error ? e.message : String(e) }, "call sync run failed");
    throw e;
  }
}
