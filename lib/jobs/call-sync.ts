import { runSyncCalls } from "@/lib/calls/sync-calls";
import type { Deps } from "@/lib/deps";
import { log } from "@/lib/log";
import { withTelephony } from "@/lib/telephony";

const holder = globalThis as typeof globalThis & { __switchboardCallSync?: NodeJS.Timeout };

/** In-process call-status reconciliation every CALL_SYNC_INTERVAL_SECONDS; the lease keeps instances from overlapping. */
export function startCallSync(deps: Deps): void {
  if (holder.__switchboardCallSync) return;
  let running = false;
  holder.__switchboardCallSync = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await runSyncCalls(withTelephony(deps));
    } catch (e) {
      log.warn({ err: String(e) }, "call sync pass failed");
    } finally {
      running = false;
    }
  }, deps.config.CALL_SYNC_INTERVAL_SECONDS * 1000);
  holder.__switchboardCallSync.unref?.();
}
