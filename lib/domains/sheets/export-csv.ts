import { and, asc, eq, sql } from "drizzle-orm";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import type { Deps } from "@/lib/platform/deps";
import { calls, cases, sheetsRows } from "@/lib/adapters/db/schema";
import { callCells, caseCells, TABS } from "@/lib/domains/sheets/layout";
import type { CellValue } from "@/lib/domains/sheets/port";

export const EXPORT_LIMIT = 50_000;

/** One CSV field: quoted when needed; a leading = @ or sign-before-text is defused so a spreadsheet never runs it as a formula. */
export function csvField(v: CellValue): string {
  let s = String(v);
  if (/^[=@\t\r]/.test(s) || /^[+-][^0-9]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csv = (rows: CellValue[][]) => `${rows.map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;

/**
 * The same rows the sheet gets (same columns, same Events history), for the caller's account only, oldest
 * first, at most EXPORT_LIMIT — what Admin → Sheets offers when no Google account is connected.
 */
export async function exportSheetCsv(deps: Deps, principal: Principal, tab: "calls" | "escalations"): Promise<string> {
  assertScope(principal, "admin");
  const accountId = principal.accountId;
  const history = (type: "call" | "case", id: typeof calls.id | typeof cases.id, status: typeof calls.status | typeof cases.status) =>
    sql<string>`coalesce((select nullif(history, '') from ${sheetsRows} where ${sheetsRows.entityType} = ${type} and ${sheetsRows.entityId} = ${id}), ${status})`;
  if (tab === "calls") {
    const rows = await deps.db
      .select({ row: calls, events: history("call", calls.id, calls.status) })
      .from(calls)
      .where(and(eq(calls.accountId, accountId)))
      .orderBy(asc(calls.createdAt))
      .limit(EXPORT_LIMIT);
    return csv([TABS.call.columns, ...rows.map((r) => callCells(r.row, r.events))]);
  }
  const rows = await deps.db
    .select({ row: cases, events: history("case", cases.id, cases.status) })
    .from(cases)
    .where(eq(cases.accountId, accountId))
    .orderBy(asc(cases.createdAt))
    .limit(EXPORT_LIMIT);
  return csv([TABS.case.columns, ...rows.map((r) => caseCells(r.row, r.events))]);
}
