import type { Config } from "@/lib/platform/config/env";
import { readServiceAccount } from "@/lib/domains/sheets/credentials";
import { createGoogleSheets } from "@/lib/domains/sheets/google";
import type { SheetsPort } from "@/lib/domains/sheets/port";

/** The Google adapter when the three settings are there; null (log off, CSV only) otherwise. */
export function createSheetsPort(c: Config): SheetsPort | null {
  const account = readServiceAccount(c);
  return account ? createGoogleSheets(c, account) : null;
}
