import type { Config } from "@/lib/platform/config/env";
import { readServiceAccount } from "@/lib/domains/sheets/credentials";
import { createGoogleSheets, type GoogleSheetsSettings } from "@/lib/domains/sheets/google";
import type { SheetsPort } from "@/lib/domains/sheets/port";

/** What the Google adapter is built from (the composition root keys its cache on it), or null when the log is off. */
export function sheetsSettings(c: Config): GoogleSheetsSettings | null {
  const account = readServiceAccount(c);
  if (!account) return null;
  return {
    account,
    spreadsheetId: c.SHEETS_SPREADSHEET_ID!,
    apiUrl: c.SHEETS_API_URL,
    tokenUrl: c.SHEETS_TOKEN_URL,
    timeoutMs: c.SHEETS_TIMEOUT_MS,
  };
}

/** The Google adapter when the three settings are there; null (log off, CSV only) otherwise. */
export function createSheetsPort(c: Config): SheetsPort | null {
  const s = sheetsSettings(c);
  return s ? createGoogleSheets(s) : null;
}
