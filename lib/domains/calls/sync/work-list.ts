import type { Deps } from "@/lib/platform/deps";
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { calls } from "@/lib/adapters/db/schema";
import { afterCheckpoint } from "@/lib/domains/calls/sync/lease";
import { DEAD_LETTER_KIND, type SyncItem } from "@/lib/domains/calls/sync/sync-one-call";

const OPEN = ["queued", "ringing", "in_progress"] as const;

/**
 * The next batch: open calls of this provider after the checkpoint — or, when the run reads ahead, after
 * the call `after` (the last of the batch still being applied) — oldest first, not backing off, not dead-lettered.
 */
export async function nextBatch(deps: Deps, size: number, after?: string): Promise<SyncItem[]> {
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
        after
          ? sql`(${calls.createdAt}, ${calls.id}) > ((select c.created_at from calls c where c.id = ${after}::uuid), ${after}::uuid)`
          : afterCheckpoint(calls.createdAt, calls.id),
        sql`not exists (select 1 from call_sync_failures f where f.call_id = ${calls.id} and f.next_attempt_at > now())`,
        sql`not exists (select 1 from dead_letters d where d.kind = ${DEAD_LETTER_KIND} and d.ref = ${calls.id}::text and d.status = 'open')`,
      ),
    )
    .orderBy(asc(calls.createdAt), asc(calls.id))
    .limit(size);
}
