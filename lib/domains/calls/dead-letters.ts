import type { Deps } from "@/lib/platform/deps";
import { and, eq, getTableColumns, sql } from "drizzle-orm";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { callSyncFailures, calls, deadLetters, type DeadLetterRow } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { cursorTime, cutPage, keyset } from "@/lib/adapters/db/keyset";
import { listDeadLettersQuery, type ListDeadLettersInput } from "@/lib/domains/calls/schemas";
import { DEAD_LETTER_KIND, syncOneCall, type SyncOutcome } from "@/lib/domains/calls/sync/sync-one-call";
import { isUuid } from "@/lib/platform/validation/uuid";

const requireAdmin = (p: Principal) => assertScope(p, "admin");

/** Dead letters of the caller's account, newest first, one page at a time (`query` as in GET /api/dead-letters: status, limit, cursor). */
export async function listDeadLetters(
  deps: Pick<Deps, "db">,
  principal: Principal,
  query: ListDeadLettersInput = {},
): Promise<{ items: DeadLetterRow[]; nextCursor: string | null }> {
  requireAdmin(principal);
  const q = parseOrThrow(listDeadLettersQuery, query);
  const page = keyset(deadLetters);
  const rows = await deps.db
    .select({ ...getTableColumns(deadLetters), cursorAt: cursorTime(deadLetters.createdAt) })
    .from(deadLetters)
    .where(
      and(eq(deadLetters.accountId, principal.accountId), q.status ? eq(deadLetters.status, q.status) : undefined, page.after(q.cursor)),
    )
    .orderBy(...page.orderBy)
    .limit(q.limit + 1);
  const { rows: items, nextCursor } = cutPage(rows, q.limit);
  return { items, nextCursor };
}

/**
 * Retries a dead letter now: marks it retried, clears the call's failure count, and syncs the call once.
 * If the provider still fails, the call is back in the sync job's hands (and can dead-letter again).
 */
export async function retryDeadLetter(
  deps: Deps,
  principal: Principal,
  id: string,
): Promise<{ deadLetter: DeadLetterRow; outcome: SyncOutcome | "call_final" }> {
  requireAdmin(principal);
  if (!isUuid(id)) throw new AppError("not_found", `Dead letter ${id} not found.`);
  const [dl] = await deps.db
    .update(deadLetters)
    .set({ status: "retried", retriedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(deadLetters.id, id), eq(deadLetters.accountId, principal.accountId), eq(deadLetters.status, "open")))
    .returning();
  if (!dl) {
    const [exists] = await deps.db
      .select({ status: deadLetters.status })
      .from(deadLetters)
      .where(and(eq(deadLetters.id, id), eq(deadLetters.accountId, principal.accountId)));
    throw exists
      ? new AppError("conflict", `Dead letter ${id} was already ${exists.status}.`)
      : new AppError("not_found", `Dead letter ${id} not found.`);
  }
  if (dl.kind !== DEAD_LETTER_KIND) return { deadLetter: dl, outcome: "failed" };
  await deps.db.delete(callSyncFailures).where(eq(callSyncFailures.callId, dl.ref));
  const [call] = await deps.db
    .select()
    .from(calls)
    .where(and(eq(calls.id, dl.ref), eq(calls.accountId, principal.accountId)));
  if (!call?.providerCallId || !["queued", "ringing", "in_progress"].includes(call.status))
    return { deadLetter: dl, outcome: "call_final" };
  const outcome = await syncOneCall(deps, {
    id: call.id,
    accountId: call.accountId,
    provider: call.provider,
    providerCallId: call.providerCallId,
    status: call.status,
    transcriptTurns: call.transcript?.length ?? 0,
    recordingAvailable: call.recordingAvailable,
  });
  if (outcome === "updated" || outcome === "unchanged")
    await deps.db.update(deadLetters).set({ status: "resolved", updatedAt: sql`now()` }).where(eq(deadLetters.id, dl.id));
  return { deadLetter: dl, outcome };
}
