import { and, asc, eq, inArray } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import { calls, type CallRow } from "@/lib/adapters/db/schema";
import { applyCallUpdate, logFinal } from "@/lib/domains/calls/apply-call-update";
import { applyLockedUpdates, type ApplyCallUpdateResult, type CallUpdate } from "@/lib/domains/calls/locked-call-update";
import { forEachConcurrent } from "@/lib/domains/calls/sync/rate-limiter";
import { log } from "@/lib/platform/log";

/** One update of a batch; the account is known to the caller (the sync job reads it with the call). */
export type BatchUpdate = {
  callId: string;
  accountId: string;
  update: CallUpdate;
  eventId?: string;
  occurredAt?: Date;
  source?: string;
  onlyIf?: (row: CallRow) => boolean;
};

export type BatchOutcome = { callId: string; ok: true; result: ApplyCallUpdateResult } | { callId: string; ok: false; error: unknown };

/** A failed query's own error (drizzle wraps it with the whole statement and its parameters — too big, and call content, for a log line). */
const rootCause = (e: unknown): unknown => (e instanceof Error && e.cause instanceof Error ? e.cause : e);

/** Account groups in flight at once: separate rows and credit locks, so they never wait on each other. */
const GROUP_CONCURRENCY = 4;

/**
 * Applies many updates with the same rules as applyCallUpdate (it is the same core), but one transaction
 * per account: the group's calls are locked in id order (then the credit row, the same order as the
 * single path, so the two never deadlock), and everything is written with a constant number of
 * statements. If a group's transaction fails, its updates are retried one by one through applyCallUpdate,
 * so one bad call costs only itself: the others' progress is kept and the failure is reported per call.
 */
export async function applyCallUpdates(deps: Deps, items: BatchUpdate[]): Promise<BatchOutcome[]> {
  const groups = new Map<string, BatchUpdate[]>();
  for (const i of items) groups.set(i.accountId, [...(groups.get(i.accountId) ?? []), i]);
  const outcomes: BatchOutcome[] = [];
  await forEachConcurrent([...groups.values()], GROUP_CONCURRENCY, async (group) => {
    try {
      const results = await deps.db.transaction(async (tx) => {
        const ids = [...new Set(group.map((i) => i.callId))];
        const rows = await tx
          .select()
          .from(calls)
          .where(and(inArray(calls.id, ids), eq(calls.accountId, group[0]!.accountId)))
          .orderBy(asc(calls.id))
          .for("update");
        const byId = new Map(rows.map((r) => [r.id, r]));
        const missing = ids.filter((id) => !byId.has(id));
        if (missing.length) throw new Error(`calls not found in account ${group[0]!.accountId}: ${missing.join(", ")}`);
        return applyLockedUpdates(
          tx,
          deps.config.CREDITS_STARTING_BALANCE,
          group.map((i) => ({ ...i, row: byId.get(i.callId)! })),
        );
      });
      for (const [n, result] of results.entries()) outcomes.push({ callId: group[n]!.callId, ok: true, result });
      for (const r of results) if (r.becameFinal) logFinal(r.call);
    } catch (e) {
      log.warn(
        { accountId: group[0]!.accountId, calls: group.length, err: String(rootCause(e)).slice(0, 300) },
        "batched call update failed; applying one by one",
      );
      for (const i of group) {
        try {
          outcomes.push({ callId: i.callId, ok: true, result: await applyCallUpdate(deps, i) });
        } catch (error) {
          outcomes.push({ callId: i.callId, ok: false, error: rootCause(error) });
        }
      }
    }
  });
  return outcomes;
}
