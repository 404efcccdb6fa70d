import { and, eq, sql } from "drizzle-orm";
import type { Deps } from "@/lib/deps";
import type { Db } from "@/lib/db/client";
import { callEvents, calls, type CallRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isFinalCallStatus, type CallStatus, type ProviderCall } from "@/lib/telephony/port";
import { callCost, lockCredits, releaseCredits, settleCredits } from "@/lib/calls/credits";
import { log } from "@/lib/log";

/** What a webhook, the sync job or a cancel learned about a call: a status plus whatever else the provider said. */
export type CallUpdate = Partial<Omit<ProviderCall, "status">> & { status: CallStatus };

export type ApplyCallUpdateArgs = {
  /** Our call id (providers echo it in metadata), or the provider's id with the provider's name. */
  callId?: string;
  providerCallId?: string;
  provider?: string;
  update: CallUpdate;
  /** The provider's event id: a second update with the same id changes nothing. */
  eventId?: string;
  occurredAt?: Date;
  /** Where the update came from, for the timeline (webhook, sync, cancel, place…). */
  source?: string;
};

export type ApplyCallUpdateResult = { call: CallRow; applied: boolean; duplicate: boolean; becameFinal: boolean };

const RANK: Record<CallStatus, number> = { queued: 0, ringing: 1, in_progress: 2, completed: 3, no_answer: 3, busy: 3, failed: 3, canceled: 3 };

async function findForUpdate(tx: Db, a: ApplyCallUpdateArgs): Promise<CallRow | undefined> {
  const where = a.callId
    ? eq(calls.id, a.callId)
    : a.provider
      ? and(eq(calls.provider, a.provider), eq(calls.providerCallId, a.providerCallId!))
      : eq(calls.providerCallId, a.providerCallId!);
  if (a.callId && !/^[0-9a-f-]{36}$/i.test(a.callId)) return undefined;
  const [row] = await tx.select().from(calls).where(where).limit(1).for("update");
  return row;
}

/** The row after merging an update: status only moves forward, and a final status is never left. */
export function mergeUpdate(row: CallRow, u: CallUpdate): Partial<CallRow> {
  const final = isFinalCallStatus(row.status);
  const forward = !final && RANK[u.status] > RANK[row.status];
  const sameState = u.status === row.status;
  // An update about an older state, or a different final outcome after the first, only fills blanks.
  const fill = <T>(current: T | null, next: T | undefined) => (current === null || current === undefined || (forward || sameState) ? (next ?? current) : current);
  const transcript = u.transcript && u.transcript.length > (row.transcript?.length ?? 0) && (forward || sameState || !row.transcript?.length) ? u.transcript : row.transcript;
  return {
    status: forward ? u.status : row.status,
    startedAt: fill(row.startedAt, u.startedAt),
    answeredAt: fill(row.answeredAt, u.answeredAt),
    endedAt: fill(row.endedAt, u.endedAt),
    durationSeconds: fill(row.durationSeconds, u.durationSeconds === undefined ? undefined : Math.round(u.durationSeconds)),
    summary: fill(row.summary, u.summary),
    endReason: fill(row.endReason, u.endReason),
    transcript,
    recordingAvailable: row.recordingAvailable || !!u.recordingAvailable,
    providerCallId: row.providerCallId ?? u.providerCallId ?? null,
  };
}

function durationOf(row: Partial<CallRow>): number {
  if (row.durationSeconds != null) return row.durationSeconds;
  if (row.answeredAt && row.endedAt) return Math.max(0, Math.round((row.endedAt.getTime() - row.answeredAt.getTime()) / 1000));
  return 0;
}

/**
 * Applies a provider's news about a call, idempotently: a replayed event (same eventId) or an update about
 * an earlier state changes nothing; reaching a final status settles credits exactly once — `completed`
 * charges billed minutes × the call's rate and releases the rest of the hold; any other final status
 * releases the hold. Not tenant-scoped: callers are provider-facing (webhooks, sync) and already verified.
 */
export async function applyCallUpdate(deps: Deps, a: ApplyCallUpdateArgs): Promise<ApplyCallUpdateResult> {
  if (!a.callId && !a.providerCallId) throw new AppError("bad_request", "callId or providerCallId is required.");
  const result = await deps.db.transaction(async (tx) => {
    const row = await findForUpdate(tx, a);
    if (!row) throw new AppError("not_found", `Call ${a.callId ?? a.providerCallId} not found.`);
    const event = { callId: row.id, accountId: row.accountId, provider: row.provider, status: a.update.status, occurredAt: a.occurredAt ?? new Date() };
    if (a.eventId) {
      const inserted = await tx
        .insert(callEvents)
        .values({ ...event, providerEventId: a.eventId, kind: a.source ?? "provider_event", data: summarise(a.update) })
        .onConflictDoNothing({ target: [callEvents.provider, callEvents.providerEventId], where: sql`provider_event_id is not null` })
        .returning({ id: callEvents.id });
      if (!inserted.length) return { call: row, applied: false, duplicate: true, becameFinal: false };
    }
    const next = mergeUpdate(row, a.update);
    const becameFinal = !isFinalCallStatus(row.status) && isFinalCallStatus(next.status!);
    if (!a.eventId && next.status !== row.status) {
      await tx.insert(callEvents).values({ ...event, kind: a.source ?? "status", data: summarise(a.update) });
    }
    let cost: number | null = row.cost;
    if (becameFinal) {
      const credits = await lockCredits(tx, row.accountId, deps.config.CREDITS_STARTING_BALANCE);
      if (next.status === "completed") {
        cost = Math.min(callCost(durationOf(next), row.ratePerMinute), row.holdAmount);
        await settleCredits(tx, credits, { accountId: row.accountId, callId: row.id, hold: row.holdAmount, cost, reason: `call completed (${durationOf(next)} s)` });
      } else {
        cost = 0;
        await releaseCredits(tx, credits, { accountId: row.accountId, callId: row.id, hold: row.holdAmount, reason: `call ${next.status}` });
      }
    }
    const [updated] = await tx
      .update(calls)
      .set({ ...next, cost, updatedAt: new Date(), lastSyncedAt: a.source === "sync" ? new Date() : row.lastSyncedAt })
      .where(eq(calls.id, row.id))
      .returning();
    return { call: updated!, applied: true, duplicate: false, becameFinal };
  });
  if (result.becameFinal) log.info({ callId: result.call.id, accountId: result.call.accountId, status: result.call.status, cost: result.call.cost }, "call final");
  return result;
}

/** What the timeline keeps of an update: the facts, not the whole transcript. */
function summarise(u: CallUpdate): Record<string, unknown> {
  const { transcript, ...rest } = u;
  return { ...rest, transcriptTurns: transcript?.length ?? undefined };
}
