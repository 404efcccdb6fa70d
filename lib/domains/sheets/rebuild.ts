import { eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/adapters/db/client";
import { sheetsState, sheetsTabs } from "@/lib/adapters/db/schema-sheets";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import type { Deps } from "@/lib/platform/deps";
import { AppError } from "@/lib/platform/errors";

/** Asks the drainer to rebuild the sheet from the database (a new or damaged sheet): it clears the sheet, then rewrites every row. */
export async function requestRebuild(db: Db): Promise<void> {
  await db
    .update(sheetsState)
    .set({ clearPending: true, rebuildStartedAt: sql`now()`, rebuildFinishedAt: null, rebuildTotal: null })
    .where(eq(sheetsState.id, 1));
}

/**
 * Run by the drainer right after clearing the sheet: one outbox row per call and case (event null = "write
 * the row as it is now"), escalations first, then by age. Rows keep their numbers, so the layout is the same.
 */
export async function enqueueRebuild(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`insert into sheets_outbox (entity_type, entity_id, account_id, priority, event, occurred_at)
      select 'case', id, account_id, 0, null, created_at from cases order by created_at, id`);
    await tx.execute(sql`insert into sheets_outbox (entity_type, entity_id, account_id, priority, event, occurred_at)
      select 'call', id, account_id, 1, null, created_at from calls order by created_at, id`);
    const [n] = await queryRows<{ n: number }>(tx, sql`select ((select count(*) from cases) + (select count(*) from calls))::int as n`);
    const total = Number(n?.n ?? 0);
    await tx
      .update(sheetsState)
      .set({ clearPending: false, rebuildTotal: total, rebuildFinishedAt: total ? null : sql`now()` })
      .where(eq(sheetsState.id, 1));
    await tx.update(sheetsTabs).set({ headerWritten: false });
    return total;
  });
}

/** POST /api/sheets/rebuild: admins only, and only with a sheet connected. */
export async function rebuildSheet(deps: Deps, principal: Principal): Promise<{ requested: true }> {
  assertScope(principal, "admin");
  if (!deps.config.SHEETS_SPREADSHEET_ID)
    throw new AppError(
      "conflict",
      "No Google Sheet is connected: set SHEETS_SPREADSHEET_ID and the service account first (README, Google Sheets log).",
    );
  await requestRebuild(deps.db);
  return { requested: true };
}
