import type { Deps } from "@/lib/platform/deps";
import { log } from "@/lib/platform/log";
import { every } from "@/lib/platform/jobs/every";

/** In-process Sheets drainer every SHEETS_DRAIN_INTERVAL_SECONDS (on Vercel, Cron calls /api/cron/sheets); the lease keeps instances from overlapping. */
export function startSheetsDrain(deps: Deps): void {
  every("sheets-drain", deps.config.SHEETS_DRAIN_INTERVAL_SECONDS * 1000, async () => {
    try {
      await deps.sheets.run();
    } catch (e) {
      log.warn({ err: String(e) }, "sheets drain pass failed");
    }
  });
}
