import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { queryRows } from "@/lib/adapters/db/client";
import { calls, cases, sheetsOutbox, sheetsRows, sheetsState, sheetsTabs, type SheetsEntity } from "@/lib/adapters/db/schema";
import { callCells, caseCells, ENTITY_TYPES, eventLabel, joinHistory, rowsRange, TABS } from "@/lib/domains/sheets/layout";
import type { CellValue, RangeWrite } from "@/lib/domains/sheets/port";

/** A call or case with events waiting, and everything needed to write its row. */
export type PendingEntity = {
  type: SheetsEntity;
  id: string;
  accountId: string;
  seqs: number[];
  labels: string[];
  row?: number;
  history?: string;
  cells?: CellValue[];
};

const key = (type: string, id: string) => `${type}:${id}`;

/**
 * The next batch: up to `limit` entities, escalations first, then oldest first, each with ALL its waiting
 * events (so the Events column keeps their order). Events that arrive meanwhile wait for the next batch.
 */
export async function selectBatch(db: Db, limit: number): Promise<PendingEntity[]> {
  const rows = await queryRows<{
    seq: string;
    entity_type: SheetsEntity;
    entity_id: string;
    account_id: string;
    event: string | null;
    occurred_at: string | Date;
  }>(
    db,
    sql`with picked as (
          select entity_type, entity_id, min(priority) as p, min(seq) as s from sheets_outbox
          group by entity_type, entity_id order by p, s limit ${limit})
        select o.seq::text as seq, o.entity_type, o.entity_id, o.account_id, o.event, o.occurred_at
        from sheets_outbox o join picked on picked.entity_type = o.entity_type and picked.entity_id = o.entity_id
        order by picked.p, picked.s, o.seq`,
  );
  const byKey = new Map<string, PendingEntity>();
  for (const r of rows) {
    const k = key(r.entity_type, r.entity_id);
    let e = byKey.get(k);
    if (!e) {
      e = { type: r.entity_type, id: r.entity_id, accountId: r.account_id, seqs: [], labels: [] };
      byKey.set(k, e);
    }
    e.seqs.push(Number(r.seq));
    if (r.event) e.labels.push(eventLabel(r.event, new Date(r.occurred_at)));
  }
  return [...byKey.values()];
}

/** Gives each entity its sheet row, once, in the database before anything is sent: a retry writes the same row. */
export async function allocateRows(db: Db, batch: PendingEntity[]): Promise<void> {
  const known = async () => {
    const found = new Map<string, { row: number; history: string }>();
    for (const type of ENTITY_TYPES) {
      const ids = batch.filter((e) => e.type === type).map((e) => e.id);
      if (!ids.length) continue;
      const rows = await db
        .select()
        .from(sheetsRows)
        .where(and(eq(sheetsRows.entityType, type), inArray(sheetsRows.entityId, ids)));
      for (const r of rows) found.set(key(type, r.entityId), { row: r.rowNumber, history: r.history });
    }
    return found;
  };
  let found = await known();
  const fresh = batch.filter((e) => !found.has(key(e.type, e.id)));
  if (fresh.length) {
    await db.transaction(async (tx) => {
      for (const type of ENTITY_TYPES) {
        const mine = fresh.filter((e) => e.type === type);
        if (!mine.length) continue;
        const [tab] = await tx
          .update(sheetsTabs)
          .set({ nextRow: sql`${sheetsTabs.nextRow} + ${mine.length}::int` })
          .where(eq(sheetsTabs.entityType, type))
          .returning({ nextRow: sheetsTabs.nextRow });
        const first = tab!.nextRow - mine.length;
        await tx
          .insert(sheetsRows)
          .values(mine.map((e, i) => ({ entityType: type, entityId: e.id, accountId: e.accountId, rowNumber: first + i })))
          .onConflictDoNothing();
      }
    });
    found = await known();
  }
  for (const e of batch) {
    const f = found.get(key(e.type, e.id))!;
    e.row = f.row;
    e.history = f.history;
  }
}

/** Reads the calls and cases as they are now and renders their rows (history + the waiting events). */
export async function renderRows(db: Db, batch: PendingEntity[]): Promise<void> {
  const callIds = batch.filter((e) => e.type === "call").map((e) => e.id);
  const caseIds = batch.filter((e) => e.type === "case").map((e) => e.id);
  const callRows = callIds.length ? await db.select().from(calls).where(inArray(calls.id, callIds)) : [];
  const caseRows = caseIds.length ? await db.select().from(cases).where(inArray(cases.id, caseIds)) : [];
  const byId = new Map<string, (typeof callRows)[number] | (typeof caseRows)[number]>([...callRows, ...caseRows].map((r) => [r.id, r]));
  for (const e of batch) {
    const data = byId.get(e.id);
    if (!data) continue; // deleted since: its events are dropped with the batch, nothing to write
    // A row rebuilt before any event was logged shows the status it has now.
    const history = joinHistory(e.history ?? "", e.labels) || `${data.status} (rebuilt)`;
    e.history = history;
    e.cells =
      e.type === "call" ? callCells(data as (typeof callRows)[number], history) : caseCells(data as (typeof caseRows)[number], history);
  }
}

/** The batch as explicit ranges, consecutive rows merged into one range; headers first where missing. */
export function toRanges(batch: PendingEntity[], headersMissing: SheetsEntity[]): RangeWrite[] {
  const out: RangeWrite[] = headersMissing.map((t) => ({ range: rowsRange(t, 1, 1), values: [TABS[t].columns] }));
  for (const type of ENTITY_TYPES) {
    const rows = batch.filter((e) => e.type === type && e.cells).sort((a, b) => a.row! - b.row!);
    let run: PendingEntity[] = [];
    const flush = () =>
      run.length && out.push({ range: rowsRange(type, run[0]!.row!, run[run.length - 1]!.row!), values: run.map((e) => e.cells!) });
    for (const e of rows) {
      if (run.length && e.row !== run[run.length - 1]!.row! + 1) {
        flush();
        run = [];
      }
      run.push(e);
    }
    flush();
  }
  return out;
}

export class LeaseLost extends Error {
  readonly code = "lease_lost";
}

/** After Google accepted the write: the events leave the outbox and the rows' history moves on, in one transaction under our lease. */
export async function commitBatch(db: Db, holder: string, batch: PendingEntity[], headers: SheetsEntity[]): Promise<void> {
  await db.transaction(async (tx) => {
    const [held] = await tx
      .select({ id: sheetsState.id })
      .from(sheetsState)
      .where(and(eq(sheetsState.id, 1), eq(sheetsState.leaseHolder, holder)))
      .for("update");
    if (!held) throw new LeaseLost("the drainer's lease was taken over");
    await tx.delete(sheetsOutbox).where(
      inArray(
        sheetsOutbox.seq,
        batch.flatMap((e) => e.seqs),
      ),
    );
    const written = batch.filter((e) => e.cells).map((e) => ({ entity_type: e.type, entity_id: e.id, history: e.history }));
    if (written.length) {
      await tx.execute(sql`update sheets_rows r set history = v.history, written_at = now()
        from jsonb_to_recordset(${JSON.stringify(written)}::jsonb) as v(entity_type text, entity_id uuid, history text)
        where r.entity_type = v.entity_type and r.entity_id = v.entity_id`);
    }
    if (headers.length) await tx.update(sheetsTabs).set({ headerWritten: true }).where(inArray(sheetsTabs.entityType, headers));
    await tx
      .update(sheetsState)
      .set({ rowsWritten: sql`${sheetsState.rowsWritten} + ${written.length}::int` })
      .where(eq(sheetsState.id, 1));
    // A rebuild is done when none of its rows wait any more.
    const [left] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from sheets_outbox where event is null`);
    if (!Number(left!.n))
      await tx
        .update(sheetsState)
        .set({ rebuildFinishedAt: sql`now()` })
        .where(and(eq(sheetsState.id, 1), isNotNull(sheetsState.rebuildStartedAt), isNull(sheetsState.rebuildFinishedAt)));
  });
}
