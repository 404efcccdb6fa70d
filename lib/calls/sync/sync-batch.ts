import { inArray } from "drizzle-orm";
import { applyCallUpdates, type BatchUpdate } from "@/lib/calls/apply-call-updates";
import type { CallsDeps } from "@/lib/calls/deps";
import { callSyncFailures, calls } from "@/lib/db/schema";
import { forEachConcurrent } from "@/lib/calls/sync/rate-limiter";
import { readFromProvider, recordFailure, type SyncItem, type SyncOutcome } from "@/lib/calls/sync/sync-one-call";

/**
 * One batch of the job: read every call from the provider (CALL_SYNC_CONCURRENCY in flight, paced by
 * `take`), then apply all the news at once (applyCallUpdates: one transaction per account), then the
 * bookkeeping in a few statements — failures cleared for calls that read fine, last_synced_at stamped on
 * calls with nothing new. A failed read, or a call whose update could not be applied, counts against that
 * call only (backoff, then dead letters).
 */
export async function syncBatch(deps: CallsDeps, batch: SyncItem[], take: () => Promise<void>, counts: Record<SyncOutcome, number>): Promise<number> {
  let requests = 0;
  const updates: BatchUpdate[] = [];
  const unchanged: string[] = [];
  const recovered: string[] = [];
  const failed: Array<{ item: SyncItem; error: unknown }> = [];
  await forEachConcurrent(batch, deps.config.CALL_SYNC_CONCURRENCY, async (item) => {
    await take();
    requests++;
    const read = await readFromProvider(deps, item);
    if (!read.ok) return void failed.push({ item, error: read.error });
    if (item.failures) recovered.push(item.id);
    if (read.changed) updates.push({ callId: item.id, accountId: item.accountId, update: read.call, source: "sync" });
    else unchanged.push(item.id);
  });
  const byId = new Map(batch.map((i) => [i.id, i]));
  for (const o of await applyCallUpdates(deps, updates)) {
    if (o.ok) counts.updated++;
    else failed.push({ item: byId.get(o.callId)!, error: o.error });
  }
  counts.unchanged += unchanged.length;
  const stillFailing = new Set(failed.map((f) => f.item.id));
  const cleared = recovered.filter((id) => !stillFailing.has(id));
  if (cleared.length) await deps.db.delete(callSyncFailures).where(inArray(callSyncFailures.callId, cleared));
  if (unchanged.length) await deps.db.update(calls).set({ lastSyncedAt: new Date() }).where(inArray(calls.id, unchanged));
  for (const f of failed) counts[await recordFailure(deps, f.item, f.error)]++;
  return requests;
}
