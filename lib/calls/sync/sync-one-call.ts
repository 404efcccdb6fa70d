import { eq, sql } from "drizzle-orm";
import { applyCallUpdate } from "@/lib/calls/apply-call-update";
import type { CallsDeps } from "@/lib/calls/deps";
import { callSyncFailures, deadLetters } from "@/lib/db/schema";
import { TelephonyError } from "@/lib/telephony/port";

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
export const isRunFatal = (e: unknown) => e instanceof TelephonyError && (e.opts.status === 401 || e.opts.status === 403);

/**
 * Reads one call from its provider and applies what changed (through applyCallUpdate: idempotent, settles
 * credits once). A failure counts against the call with exponential backoff; past CALL_SYNC_MAX_FAILURES,
 * or at once when the provider says the call does not exist, it moves to dead_letters for an admin.
 */
export async function syncOneCall(deps: CallsDeps, item: SyncItem): Promise<SyncOutcome> {
  let call;
  try {
    call = await deps.telephony.getCall(item.providerCallId);
  } catch (e) {
    if (isRunFatal(e)) throw e;
    return recordFailure(deps, item, e);
  }
  if (item.failures) await deps.db.delete(callSyncFailures).where(eq(callSyncFailures.callId, item.id));
  const changed = call.status !== item.status || call.transcript.length > item.transcriptTurns || (call.recordingAvailable && !item.recordingAvailable);
  if (!changed) return "unchanged";
  await applyCallUpdate(deps, { callId: item.id, update: call, source: "sync" });
  return "updated";
}

async function recordFailure(deps: CallsDeps, item: SyncItem, e: unknown): Promise<SyncOutcome> {
  const message = (e instanceof Error ? e.message : String(e)).slice(0, 500);
  const permanent = e instanceof TelephonyError && !e.opts.retryable;
  const base = deps.config.CALL_SYNC_BACKOFF_BASE_MS;
  const [row] = await deps.db
    .insert(callSyncFailures)
    .values({ callId: item.id, failures: 1, lastError: message, nextAttemptAt: sql`now() + make_interval(secs => ${base / 1000}::float8)` })
    .onConflictDoUpdate({
      target: callSyncFailures.callId,
      set: {
        failures: sql`${callSyncFailures.failures} + 1`,
        lastError: message,
        // base × 2^(failures) — the retry waits longer each time, capped at an hour
        nextAttemptAt: sql`now() + make_interval(secs => least(3600, ${base / 1000}::float8 * power(2, ${callSyncFailures.failures})))`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ failures: callSyncFailures.failures });
  const failures = row?.failures ?? 1;
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
