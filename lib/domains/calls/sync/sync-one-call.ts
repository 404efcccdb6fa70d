import type { Deps } from "@/lib/platform/deps";
import { eq, sql } from "drizzle-orm";
import { applyCallUpdate } from "@/lib/domains/calls/apply-call-update";
import { callSyncFailures, deadLetters } from "@/lib/adapters/db/schema";
import { isTelephonyError, type ProviderCall } from "@/lib/adapters/telephony/port";
import { backoffPolicy, nextAttemptAt } from "@/lib/platform/resilience/backoff";

/** What the work list carries per call: enough to tell whether the provider has news. */
export type SyncItem = {
  id: string;
  accountId: string;
  provider: string;
  providerCallId: string;
  status: string;
  transcriptTurns: number;
  recordingAvailable: boolean;
  /** Earlier consecutive failures (0 for most calls, so a success costs no extra write). */
  failures?: number;
};

export type SyncOutcome = "updated" | "unchanged" | "failed" | "dead_lettered";

export const DEAD_LETTER_KIND = "call_sync";

/** A provider answer that says our credentials are wrong: no call can sync, so the run stops instead. */
export const isRunFatal = (e: unknown) => isTelephonyError(e) && (e.opts.status === 401 || e.opts.status === 403);

export type ProviderRead = { ok: true; call: ProviderCall; changed: boolean } | { ok: false; error: unknown };

/** Asks the provider about one call; `changed` says whether it has news. Credentials errors are thrown (the run stops). */
export async function readFromProvider(deps: Deps, item: SyncItem): Promise<ProviderRead> {
  try {
    const call = await deps.telephony.getCall(item.providerCallId);
    const changed =
      call.status !== item.status || call.transcript.length > item.transcriptTurns || (call.recordingAvailable && !item.recordingAvailable);
    return { ok: true, call, changed };
  } catch (error) {
    if (isRunFatal(error)) throw error;
    return { ok: false, error };
  }
}

/**
 * Reads one call from its provider and applies what changed (through applyCallUpdate: idempotent, settles
 * credits once). A failure counts against the call with the shared backoff policy; past CALL_SYNC_MAX_FAILURES,
 * or at once when the provider says the call does not exist, it moves to dead_letters for an admin.
 * (The job itself syncs whole batches — sync-batch.ts; this is the one-call path for a dead-letter retry.)
 */
export async function syncOneCall(deps: Deps, item: SyncItem): Promise<SyncOutcome> {
  const read = await readFromProvider(deps, item);
  if (!read.ok) return recordFailure(deps, item, read.error);
  if (item.failures) await deps.db.delete(callSyncFailures).where(eq(callSyncFailures.callId, item.id));
  if (!read.changed) return "unchanged";
  await applyCallUpdate(deps, { callId: item.id, update: read.call, source: "sync" });
  return "updated";
}

/** Counts a failed read (or apply) against the call: backoff, then dead_letters. */
export async function recordFailure(deps: Deps, item: SyncItem, e: unknown): Promise<SyncOutcome> {
  const message = (e instanceof Error ? e.message : String(e)).slice(0, 500);
  const permanent = isTelephonyError(e) && !e.opts.retryable;
  // Count the failure, then schedule the next read on the shared policy (one transaction: never counted but undated).
  const failures = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(callSyncFailures)
      .values({ callId: item.id, failures: 1, lastError: message })
      .onConflictDoUpdate({
        target: callSyncFailures.callId,
        set: { failures: sql`${callSyncFailures.failures} + 1`, lastError: message, updatedAt: sql`now()` },
      })
      .returning({ failures: callSyncFailures.failures });
    const n = row?.failures ?? 1;
    await tx
      .update(callSyncFailures)
      .set({ nextAttemptAt: nextAttemptAt(n, backoffPolicy(deps.config, "call_sync")) })
      .where(eq(callSyncFailures.callId, item.id));
    return n;
  });
  if (!permanent && failures < deps.config.CALL_SYNC_MAX_FAILURES) return "failed";
  await deps.db
    .insert(deadLetters)
    .values({
      kind: DEAD_LETTER_KIND,
      ref: item.id,
      accountId: item.accountId,
      payload: { callId: item.id, provider: item.provider, providerCallId: item.providerCallId, status: item.status },
      attempts: failures,
      lastError: message,
    })
    .onConflictDoUpdate({
      target: [deadLetters.kind, deadLetters.ref],
      targetWhere: sql`status = 'open'`,
      set: { attempts: failures, lastError: message, updatedAt: sql`now()` },
    });
  return "dead_lettered";
}
