/** One tab of the spreadsheet as Google reports it. */
export type SheetsTab = { title: string; sheetId: number; rowCount: number; columnCount: number };

export type CellValue = string | number;
export type RangeWrite = { range: string; values: CellValue[][] };

/**
 * What the Sheets log needs from Google. Every write names its range explicitly (never `values:append`),
 * so sending the same request twice leaves the sheet as sending it once.
 */
export interface SheetsPort {
  readonly name: "google";
  /** spreadsheets.get (properties of the tabs only). */
  getTabs(): Promise<SheetsTab[]>;
  /** spreadsheets.batchUpdate: adds missing tabs and grows grids (setting a row count is idempotent). */
  updateSpreadsheet(requests: object[]): Promise<void>;
  /** spreadsheets.values.batchUpdate with RAW values: many ranges in one request. */
  writeRanges(data: RangeWrite[]): Promise<void>;
  /** spreadsheets.values.batchClear. */
  clearRanges(ranges: string[]): Promise<void>;
  /** spreadsheets.values.get (the rebuild check and tests read the sheet back). */
  readRange(range: string): Promise<string[][]>;
}

/** A failed request, classified: retryable ones (429, 5xx, time-outs, network) get backoff and count against the breaker. */
export type SheetsError = Error & { code: "sheets_error"; status?: number; retryable: boolean; retryAfterMs?: number };

export function sheetsError(message: string, o: { status?: number; retryable: boolean; retryAfterMs?: number }): SheetsError {
  return Object.assign(new Error(message), { code: "sheets_error" as const, ...o });
}

export const isSheetsError = (e: unknown): e is SheetsError =>
  typeof e === "object" && e !== null && (e as { code?: unknown }).code === "sheets_error";

export type DrainStatus = "drained" | "not_configured" | "lease_held" | "breaker_open" | "time_boxed" | "failed" | "lease_lost";
export type DrainResult = {
  status: DrainStatus;
  batches: number;
  rows: number;
  requests: number;
  retries: number;
  discarded?: number;
  error?: string;
};

/** The drainer Deps carries (lib/domains/sheets/drain.ts): one run drains the outbox; the breaker's state for health. */
export type SheetsDrainer = { run(): Promise<DrainResult>; breakerState(): "closed" | "open" | "half-open" };
