import type { Config } from "@/lib/config/env";
import { readServiceAccount } from "@/lib/sheets/credentials";
import { createGoogleSheets } from "@/lib/sheets/google";
import type { SheetsPort } from "@/lib/sheets/port";

/** The Google adapter when the three settings are there; null (log off, CSV only) otherwise. */
export function createSheetsPort(c: Config): SheetsPort | null {
  const account = readServiceAccount(c);
  return account ? createGoogleSheets(c, account) : null;
}
