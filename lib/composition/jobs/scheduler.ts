import type { Deps } from "@/lib/platform/deps";
import { startCallSync } from "@/lib/composition/jobs/call-sync";
import { startSheetsDrain } from "@/lib/composition/jobs/sheets-drain";
import { runMaintenance } from "@/lib/composition/jobs/maintenance";
import { log } from "@/lib/platform/log";
import { every } from "@/lib/platform/jobs/every";

/** The in-process scheduler (embedded default and self-hosted); on Vercel, Cron calls /api/cron/maintenance. */
export function startScheduler(deps: Deps, everyMs = 2000): void {
  startCallSync(deps);
  startSheetsDrain(deps);
  every("maintenance", everyMs, async () => {
    try {
      await runMaintenance(deps);
    } catch (e) {
      log.warn({ err: String(e) }, "maintenance pass failed");
    }
  });
}
