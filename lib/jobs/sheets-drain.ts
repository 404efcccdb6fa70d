import type { Deps } from "@/lib/deps";
import { log } from "@/lib/log";
import { getSheetsDrainer } from "@/lib/sheets";

const holder = globalThis as typeof globalThis & { __switchboardSheetsDrain?: NodeJS.Timeout };

/** In-process Sheets drainer every SHEETS_DRAIN_INTERVAL_SECONDS (on Vercel, Cron calls /api/cron/sheets); the lease keeps instances from overlapping. */
export function startSheetsDrain(deps: Deps): void {
  if (holder.__switchboardSheetsDrain) return;
  let running = false;
  holder.__switchboardSheetsDrain = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await getSheetsDrainer(deps).run();
    } catch (e) {
      log.warn({ err: String(e) }, "sheets drain pass failed");
    } finally {
      running = false;
    }
  }, deps.config.SHEETS_DRAIN_INTERVAL_SECONDS * 1000);
  holder.__switchboardSheetsDrain.unref?.();
}
