import type { Deps } from "@/lib/platform/deps";
import { inArray } from "drizzle-orm";
import { applyCallUpdates, type BatchUpdate } from "@/lib/domains/calls/apply-call-update-batch";
import { callSyncFailures, calls } from "@/lib/adapters/db/schema";
import { forEachConcurrent } from "@/lib/domains/calls/sync/rate-limiter";
import { readFromProvider, recordFailure, type SyncItem, type SyncOutcome } from "@/lib/domains/calls/sync/sync-one-call";

/** What the provider said about a batch, sorted by what each call needs next. */
export type BatchReads = {
  batch: SyncItem[];
  requests: number;
  updates: BatchUpdate[];
  unchanged: string[];
  /** Calls that had failed before and read fine now. */
  recovered: string[];
  failed: Array<{ item: SyncItem; error: unknown }>;
};

/** Reads every call of a batch from the provider: CALL_SYNC_CONCURRENCY in flight, paced by `take` (the rate limit). */
export async function readBatch(deps: Deps, batch: SyncItem[], take: () => Promise<void>): Promise<BatchReads> {
  const r: BatchReads = { batch, requests: 0, updates: [], unchanged: [], recovered: [], failed: [] };
  await forEachConcurrent(batch, deps.config.CALL_SYNC_CONCURRENCY, async (item) => {
    await take();
    r.requests++;
    const read = await readFromProvider(deps, item);
    if (!read.ok) return void r.failed.push({ item, error: read.error });
    if (item.failures) r.recovered.push(item.id);
    if (read.changed) r.updates.push({ callId: item.id, accountId: item.accountId, update: read.call, source: "sync" });
    else r.unchanged.push(item.id);
  });
  return r;
}

/**
 * Applies a read batch: all the news at once (applyCallUpdates: one transaction per account), then the
 * bookkeeping in a few statements — failures cleared for calls that synced, last_synced_at stamped on calls
 * with nothing new. A failed read, or a call whose update could not be applied, counts against that call
 * only (backoff, then dead letters).
 */
export async function applyBatchReads(deps: Deps, r: BatchReads, counts: Record<SyncOutcome, number>): Promise<void> {
  const failed = [...r.failed];
  const byId = new Map(r.batch.map((i) => [i.id, i]));
  for (const o of await applyCallUpdates(deps, r.updates)) {
    if (o.ok) counts.updated++;
    else failed.push({ item: byId.get(o.callId)!, error: o.error });
  }
  counts.unchanged += r.unchanged.length;
  const stillFailing = new Set(failed.map((f) => f.item.id));
  const cleared = r.recovered.filter((id) => !stillFailing.has(id));
  if (cleared.length) await deps.db.delete(callSyncFailures).where(inArray(callSyncFailures.callId, cleared));
  if (r.unchanged.length) await deps.db.update(calls).set({ lastSyncedAt: new Date() }).where(inArray(calls.id, r.unchanged));
  for (const f of failed) counts[await recordFailure(deps, f.item, f.error)]++;
}
