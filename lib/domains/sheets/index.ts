import type { Config } from "@/lib/platform/config/env";
import { sheetsSettings } from "@/lib/domains/sheets/credentials";
import { createGoogleSheets } from "@/lib/domains/sheets/google";
import type { SheetsPort } from "@/lib/domains/sheets/port";

export { sheetsSettings } from "@/lib/domains/sheets/credentials";

/** The Google adapter when the three settings are there; null (log off, CSV only) otherwise. */
export function createSheetsPort(c: Config): SheetsPort | null {
  const s = sheetsSettings(c);
  return s ? createGoogleSheets(s) : null;
}
