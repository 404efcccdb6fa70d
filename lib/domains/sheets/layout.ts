import type { CallRow, CaseRow } from "@/lib/adapters/db/schema";
import type { SheetsEntity } from "@/lib/adapters/db/schema-sheets";
import type { CellValue } from "@/lib/domains/sheets/port";

/**
 * The sheet: one tab per kind, a header in row 1, one row per call or case (updated in place as it moves
 * on). Only ids, statuses, times and amounts: what callers said stays in the database (open the case or
 * call in Admin), so nothing a caller said is copied to a third party.
 */
export const TABS: Record<SheetsEntity, { title: string; columns: string[] }> = {
  call: {
    title: "Calls",
    columns: [
      "Call ID",
      "Account",
      "Created (UTC)",
      "Phone number",
      "Status",
      "Started (UTC)",
      "Ended (UTC)",
      "Duration (s)",
      "Cost (credits)",
      "End reason",
      "Case ID",
      "Events",
      "Provider",
    ],
  },
  case: {
    title: "Escalations",
    columns: [
      "Case ID",
      "Account",
      "Created (UTC)",
      "Status",
      "Priority",
      "Urgency",
      "Source",
      "Call ID",
      "Claimed (UTC)",
      "Answered (UTC)",
      "Closed (UTC)",
      "Events",
    ],
  },
};

export const ENTITY_TYPES: SheetsEntity[] = ["case", "call"];

const iso = (d: Date | null | undefined) => (d ? d.toISOString().replace(/\.\d{3}Z$/, "Z") : "");

/** One entry of the Events column: the status reached and when. */
export const eventLabel = (event: string, at: Date) => `${event} ${iso(at)}`;
export const joinHistory = (history: string, labels: string[]) => [history, ...labels].filter(Boolean).join("; ");

export function callCells(c: CallRow, events: string): CellValue[] {
  return [
    c.id,
    c.accountId,
    iso(c.createdAt),
    c.phoneNumber ?? "",
    c.status,
    iso(c.startedAt),
    iso(c.endedAt),
    c.durationSeconds ?? "",
    c.cost ?? "",
    c.endReason ?? "",
    c.caseId ?? "",
    events,
    c.provider,
  ];
}

export function caseCells(c: CaseRow, events: string): CellValue[] {
  return [
    c.id,
    c.accountId,
    iso(c.createdAt),
    c.status,
    c.priority,
    c.urgency,
    c.source,
    c.callId ?? "",
    iso(c.claimedAt),
    iso(c.answeredAt),
    iso(c.closedAt),
    events,
  ];
}

/** Column letter for a 1-based index (13 → M). */
export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** The A1 range of rows `from`..`to` of a tab, all its columns: 'Calls'!A2:M9. */
export function rowsRange(type: SheetsEntity, from: number, to: number): string {
  const t = TABS[type];
  return `'${t.title}'!A${from}:${columnLetter(t.columns.length)}${to}`;
}

/** Everything below the header (rebuild clears it). */
export const bodyRange = (type: SheetsEntity) => `'${TABS[type].title}'!A2:${columnLetter(TABS[type].columns.length)}`;
