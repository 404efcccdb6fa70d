import { eq, sql } from "drizzle-orm";
import type { Config } from "@/lib/platform/config/env";
import type { Db } from "@/lib/adapters/db/client";
import { sheetsState, sheetsTabs, type SheetsEntity } from "@/lib/adapters/db/schema-sheets";
import type { PendingEntity } from "@/lib/domains/sheets/batch";
import type { Send } from "@/lib/domains/sheets/gateway";
import { bodyRange, ENTITY_TYPES, TABS } from "@/lib/domains/sheets/layout";
import type { SheetsPort } from "@/lib/domains/sheets/port";
import { enqueueRebuild } from "@/lib/domains/sheets/rebuild";
import { readState } from "@/lib/domains/sheets/store";

export type SetupCtx = { db: Db; port: SheetsPort; config: Config; send: Send };

/** What the database knows of the tabs; sheetId/gridRows null: ask Google. */
export const readTabs = async (db: Db) => db.select().from(sheetsTabs);

/**
 * Before writing: a new spreadsheet id starts a rebuild; missing tabs are added (a header is written with
 * the next batch); a rebuild clears the sheet and then queues every call and case again.
 */
export async function prepareSheet(ctx: SetupCtx): Promise<void> {
  const { db, port, config, send } = ctx;
  const state = await readState(db);
  if (state.spreadsheetId !== config.SHEETS_SPREADSHEET_ID) {
    await db.transaction(async (tx) => {
      await tx
        .update(sheetsState)
        .set({
          spreadsheetId: config.SHEETS_SPREADSHEET_ID!,
          clearPending: true,
          rebuildStartedAt: sql`now()`,
          rebuildFinishedAt: null,
          rebuildTotal: null,
        })
        .where(eq(sheetsState.id, 1));
      await tx.update(sheetsTabs).set({ headerWritten: false, sheetId: null, gridRows: null });
    });
  }
  const tabs = await readTabs(db);
  if (tabs.some((t) => t.sheetId === null || t.gridRows === null)) {
    let remote = await send("spreadsheets.get", 0, () => port.getTabs());
    const missing = ENTITY_TYPES.filter((t) => !remote.some((r) => r.title === TABS[t].title));
    if (missing.length) {
      const addSheet = (t: SheetsEntity) => ({
        addSheet: {
          properties: { title: TABS[t].title, gridProperties: { rowCount: 1000, columnCount: TABS[t].columns.length, frozenRowCount: 1 } },
        },
      });
      await send("spreadsheets.batchUpdate", 0, () => port.updateSpreadsheet(missing.map(addSheet)));
      remote = await send("spreadsheets.get", 0, () => port.getTabs());
    }
    for (const t of ENTITY_TYPES) {
      const r = remote.find((x) => x.title === TABS[t].title);
      if (!r) throw new Error(`tab ${TABS[t].title} missing after it was added`);
      await db
        .update(sheetsTabs)
        .set({ sheetId: r.sheetId, gridRows: r.rowCount, ...(missing.includes(t) ? { headerWritten: false } : {}) })
        .where(eq(sheetsTabs.entityType, t));
    }
  }
  if ((await readState(db)).clearPending) {
    // Clear first, then queue everything: rows written before the clear are queued again after it.
    await send("values.batchClear", 0, () => port.clearRanges(ENTITY_TYPES.map(bodyRange)));
    await enqueueRebuild(db);
  }
}

/** Grows a tab's grid before writing past its last row (setting a row count is idempotent, unlike appending rows). */
export async function ensureGrid(ctx: SetupCtx, batch: PendingEntity[]): Promise<void> {
  const tabs = await readTabs(ctx.db);
  for (const t of tabs) {
    const maxRow = Math.max(1, ...batch.filter((e) => e.type === t.entityType && e.cells).map((e) => e.row!));
    if (t.gridRows !== null && maxRow <= t.gridRows) continue;
    const rowCount = Math.ceil((maxRow + 1000) / 1000) * 1000;
    await ctx.send("spreadsheets.batchUpdate", 0, () =>
      ctx.port.updateSpreadsheet([
        { updateSheetProperties: { properties: { sheetId: t.sheetId, gridProperties: { rowCount } }, fields: "gridProperties.rowCount" } },
      ]),
    );
    await ctx.db.update(sheetsTabs).set({ gridRows: rowCount }).where(eq(sheetsTabs.entityType, t.entityType));
  }
}

/** After Google refused a range (a tab renamed or deleted, rows removed): look again before the next write. */
export async function forgetTabs(db: Db): Promise<void> {
  await db.update(sheetsTabs).set({ sheetId: null, gridRows: null });
}
