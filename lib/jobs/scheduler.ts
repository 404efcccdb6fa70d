import type { Deps } from "@/lib/deps";
import { startCallSync } from "@/lib/jobs/call-sync";
import { startSheetsDrain } from "@/lib/jobs/sheets-drain";
import { runMaintenance } from "@/lib/jobs/maintenance";
import { log } from "@/lib/log";

const holder = globalThis as typeof globalThis & { __switchboardScheduler?: NodeJS.Timeout };

/** The in-process scheduler (embedded default and self-hosted); on Vercel, Cron calls /api/cron/maintenance. */
export function startScheduler(deps: Deps, everyMs = 2000): void {
  if (holder.__switchboardScheduler) return;
  startCallSync(deps);
  startSheetsDrain(deps);
  let running = false;
  holder.__switchboardScheduler = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await runMaintenance(deps);
    } catch (e) {
      log.warn({ err: String(e) }, "maintenance pass failed");
    } finally {
      running = false;
    }
  }, everyMs);
  holder.__switchboardScheduler.unref?.();
}
