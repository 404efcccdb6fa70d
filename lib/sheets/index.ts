import type { Config } from "@/lib/config/env";
import type { Deps } from "@/lib/deps";
import { readServiceAccount } from "@/lib/sheets/credentials";
import { createSheetsDrainer, type SheetsDrainer } from "@/lib/sheets/drain";
import { createGoogleSheets } from "@/lib/sheets/google";
import type { SheetsPort } from "@/lib/sheets/port";

/** The Google adapter when the three settings are there; null (log off, CSV only) otherwise. */
export function createSheetsPort(c: Config): SheetsPort | null {
  const account = readServiceAccount(c);
  return account ? createGoogleSheets(c, account) : null;
}

const holder = globalThis as typeof globalThis & { __switchboardSheets?: SheetsDrainer };

/** The process's drainer (one breaker per process; the lease keeps processes from overlapping). */
export function getSheetsDrainer(deps: Deps): SheetsDrainer {
  holder.__switchboardSheets ??= createSheetsDrainer({ deps, port: createSheetsPort(deps.config) });
  return holder.__switchboardSheets;
}
