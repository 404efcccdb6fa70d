import { runSyncCalls } from "@/lib/domains/calls/sync-calls";
import type { Deps } from "@/lib/platform/deps";
import { log } from "@/lib/platform/log";
import { every } from "@/lib/platform/jobs/every";

/** In-process call-status reconciliation every CALL_SYNC_INTERVAL_SECONDS; the lease keeps instances from overlapping. */
export function startCallSync(deps: Deps): void {
  every("call-sync", deps.config.CALL_SYNC_INTERVAL_SECONDS * 1000, async () => {
    try {
      await runSyncCalls(deps);
    } catch (e) {
      log.warn({ err: String(e) }, "call sync pass failed");
    }
  });
}
