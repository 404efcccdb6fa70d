import fs from "node:fs";
import type { Config } from "@/lib/platform/config/env";
import type { GoogleSheetsSettings } from "@/lib/domains/sheets/google";

export type ServiceAccount = { email: string; key: string };

/** The service account from the environment: e-mail + key, or the JSON key file (content or path). Null: the log is off. */
export function readServiceAccount(c: Config): ServiceAccount | null {
  if (!c.SHEETS_SPREADSHEET_ID) return null;
  if (c.SHEETS_SERVICE_ACCOUNT_EMAIL && c.SHEETS_PRIVATE_KEY) {
    // Hosting dashboards often store the PEM on one line with literal "\n".
    return { email: c.SHEETS_SERVICE_ACCOUNT_EMAIL, key: c.SHEETS_PRIVATE_KEY.replace(/\\n/g, "\n") };
  }
  const text = c.SHEETS_CREDENTIALS_JSON ?? (c.SHEETS_CREDENTIALS_FILE ? fs.readFileSync(c.SHEETS_CREDENTIALS_FILE, "utf8") : undefined);
  if (!text) return null;
  let json: { client_email?: unknown; private_key?: unknown };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    throw new Error("SHEETS_CREDENTIALS_JSON / SHEETS_CREDENTIALS_FILE: not valid JSON");
  }
  if (typeof json.client_email !== "string" || typeof json.private_key !== "string") {
    throw new Error("SHEETS_CREDENTIALS_JSON / SHEETS_CREDENTIALS_FILE: a service account key needs client_email and private_key");
  }
  return { email: json.client_email, key: json.private_key };
}

export const sheetsConfigured = (c: Config) => !!c.SHEETS_SPREADSHEET_ID;

/**
 * The settings sheetsSettings() reads, as they are configured: the composition root keys its cache on these,
 * so finding out whether the adapter changed never reads a credentials file.
 */
export const sheetsSettingsInputs = (c: Config) => [
  c.SHEETS_SPREADSHEET_ID,
  c.SHEETS_SERVICE_ACCOUNT_EMAIL,
  c.SHEETS_PRIVATE_KEY,
  c.SHEETS_CREDENTIALS_JSON,
  c.SHEETS_CREDENTIALS_FILE,
  c.SHEETS_API_URL,
  c.SHEETS_TOKEN_URL,
  c.SHEETS_TIMEOUT_MS,
];

/** What the Google adapter is built from, or null when the log is off. */
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
