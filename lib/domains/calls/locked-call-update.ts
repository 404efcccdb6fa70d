import { sql } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { callEvents, type CallRow } from "@/lib/adapters/db/schema";
import { isFinalCallStatus, type CallStatus, type CallUpdate } from "@/lib/adapters/telephony/port";
import { enqueueSheetEvents } from "@/lib/domains/sheets/enqueue";
import { callCost, lockCredits, postEntries, releaseEntry, settleEntry, type Entry } from "@/lib/domains/credits/ledger";

export type { CallUpdate } from "@/lib/adapters/telephony/port";

/** One update for a call whose row the caller has locked (SELECT … FOR UPDATE) in `tx`. */
export type LockedUpdate = {
  row: CallRow;
  update: CallUpdate;
  /** The provider's event id: a second update with the same id changes nothing. */
  eventId?: string;
  occurredAt?: Date;
  /** Where the update came from, for the timeline (webhook, sync, cancel, place…). */
  source?: string;
  /** Checked against the locked row: when false the update is skipped (for updates that are only right in one state). */
  onlyIf?: (row: CallRow) => boolean;
};

export type ApplyCallUpdateResult = { call: CallRow; applied: boolean; duplicate: boolean; becameFinal: boolean };

const RANK: Record<CallStatus, number> = {
  queued: 0,
  ringing: 1,
  in_progress: 2,
  completed: 3,
  no_answer: 3,
  busy: 3,
  failed: 3,
  canceled: 3,
};

/** The row after merging an update: status only moves forward, and a final status is never left. */
export function mergeUpdate(row: CallRow, u: CallUpdate): Partial<CallRow> {
  const final = isFinalCallStatus(row.status);
  const forward = !final && RANK[u.status] > RANK[row.status];
  const sameState = u.status === row.status;
  // An update about an older state, or a different final outcome after the first, only fills blanks.
  const fill = <T>(current: T | null, next: T | undefined) =>
    current === null || current === undefined || forward || sameState ? (next ?? current) : current;
  const transcript =
    u.transcript && u.transcript.length > (row.transcript?.length ?? 0) && (forward || sameState || !row.transcript?.length)
      ? u.transcript
      : row.transcript;
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

/** What the timeline keeps of an update: the facts, not the whole transcript. */
function summarise(u: CallUpdate): Record<string, unknown> {
  const { transcript, ...rest } = u;
  return { ...rest, transcriptTurns: transcript?.length ?? undefined };
}

const eventOf = (u: LockedUpdate) => ({
  callId: u.row.id,
  accountId: u.row.accountId,
  provider: u.row.provider,
  status: u.update.status,
  occurredAt: u.occurredAt ?? new Date(),
});

/**
 * The one place call updates are applied (single webhook or a sync batch), for locked rows of ONE account,
 * in order, with a constant number of statements however many updates there are:
 * 1. provider event ids are recorded in one insert — an id already recorded marks its update a duplicate;
 * 2. each update is merged in memory (status only forward; a call updated twice sees its first update);
 * 3. calls that just became final settle: the credit row is locked once, every settle/release is checked
 *    against the balance invariants in order, then one row write and one multi-row ledger insert (the
 *    ledger's unique (call_id) index for settle/release is the database's exactly-once guard);
 * 4. status events in one insert, the calls in one UPDATE … FROM jsonb_to_recordset.
 * Any error aborts the caller's transaction: nothing of the group is half-applied.
 */
export async function applyLockedUpdates(tx: Db, startingBalance: number, items: LockedUpdate[]): Promise<ApplyCallUpdateResult[]> {
  if (!items.length) return [];
  const accountId = items[0]!.row.accountId;
  if (items.some((i) => i.row.accountId !== accountId)) throw new Error("applyLockedUpdates: one account per group");
  const fresh = await recordProviderEvents(tx, items);
  const current = new Map(items.map((i) => [i.row.id, i.row]));
  const results: ApplyCallUpdateResult[] = [];
  const events: Array<typeof callEvents.$inferInsert> = [];
  const entries: Entry[] = [];
  const reached: Array<{ id: string; status: CallStatus }> = [];
  const now = new Date();
  for (const item of items) {
    const row = current.get(item.row.id)!;
    if (item.eventId && !fresh.delete(`${row.provider}\u0000${item.eventId}`)) {
      results.push({ call: row, applied: false, duplicate: true, becameFinal: false });
      continue;
    }
    if (item.onlyIf && !item.onlyIf(row)) {
      results.push({ call: row, applied: false, duplicate: false, becameFinal: false });
      continue;
    }
    const next = mergeUpdate(row, item.update);
    const becameFinal = !isFinalCallStatus(row.status) && isFinalCallStatus(next.status!);
    if (next.status !== row.status) reached.push({ id: row.id, status: next.status! });
    if (!item.eventId && next.status !== row.status)
      events.push({ ...eventOf(item), kind: item.source ?? "status", data: summarise(item.update) });
    let cost = row.cost;
    if (becameFinal) {
      const claim = { accountId, callId: row.id, hold: row.holdAmount };
      if (next.status === "completed") {
        cost = Math.min(callCost(durationOf(next), row.ratePerMinute), row.holdAmount);
        entries.push(settleEntry({ ...claim, cost, reason: `call completed (${durationOf(next)} s)` }));
      } else {
        cost = 0;
        entries.push(releaseEntry({ ...claim, reason: `call ${next.status}` }));
      }
    }
    const updated: CallRow = { ...row, ...next, cost, updatedAt: now, lastSyncedAt: item.source === "sync" ? now : row.lastSyncedAt };
    current.set(row.id, updated);
    results.push({ call: updated, applied: true, duplicate: false, becameFinal });
  }
  if (entries.length) await postEntries(tx, await lockCredits(tx, accountId, startingBalance), entries);
  if (events.length) await tx.insert(callEvents).values(events);
  const written = [...current.values()].filter((r) => r.updatedAt === now);
  if (written.length) await writeCalls(tx, written);
  // The sheet logs each status the call reached, in order, committed with the change itself.
  await enqueueSheetEvents(
    tx,
    reached.map((r) => ({ entityType: "call" as const, entityId: r.id, accountId, event: r.status, occurredAt: now })),
  );
  return results;
}

/** Inserts the provider events of a group at once; returns the `provider\0eventId` keys that were new. */
async function recordProviderEvents(tx: Db, items: LockedUpdate[]): Promise<Set<string>> {
  const withId = items.filter((i) => i.eventId);
  if (!withId.length) return new Set();
  const inserted = await tx
    .insert(callEvents)
    .values(
      withId.map((i) => ({ ...eventOf(i), providerEventId: i.eventId!, kind: i.source ?? "provider_event", data: summarise(i.update) })),
    )
    .onConflictDoNothing({ target: [callEvents.provider, callEvents.providerEventId], where: sql`provider_event_id is not null` })
    .returning({ provider: callEvents.provider, eventId: callEvents.providerEventId });
  return new Set(inserted.map((r) => `${r.provider}\u0000${r.eventId}`));
}

/** Writes the merged rows in one statement (one JSON parameter, so any number of rows). */
async function writeCalls(tx: Db, rows: CallRow[]): Promise<void> {
  const data = rows.map((r) => ({
    id: r.id,
    status: r.status,
    started_at: r.startedAt,
    answered_at: r.answeredAt,
    ended_at: r.endedAt,
    duration_seconds: r.durationSeconds,
    summary: r.summary,
    end_reason: r.endReason,
    transcript: r.transcript,
    recording_available: r.recordingAvailable,
    provider_call_id: r.providerCallId,
    cost: r.cost,
    updated_at: r.updatedAt,
    last_synced_at: r.lastSyncedAt,
  }));
  await tx.execute(sql`
    update calls c set status = v.status, started_at = v.started_at, answered_at = v.answered_at, ended_at = v.ended_at,
      duration_seconds = v.duration_seconds, summary = v.summary, end_reason = v.end_reason, transcript = v.transcript,
      recording_available = v.recording_available, provider_call_id = v.provider_call_id, cost = v.cost,
      updated_at = v.updated_at, last_synced_at = v.last_synced_at
    from jsonb_to_recordset(${JSON.stringify(data)}::jsonb) as v(id uuid, status text, started_at timestamptz, answered_at timestamptz,
      ended_at timestamptz, duration_seconds int, summary text, end_reason text, transcript jsonb, recording_available boolean,
      provider_call_id text, cost bigint, updated_at timestamptz, last_synced_at timestamptz)
    where c.id = v.id`);
}
