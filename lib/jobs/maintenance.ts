import type { Deps } from "@/lib/deps";
import { expireCases } from "@/lib/hitl/close-case";
import { deliverDueCallbacks } from "@/lib/hitl/callbacks";

/** One pass of the periodic work: expire stale cases, send due callbacks. Safe to run anywhere, any time. */
export async function runMaintenance(deps: Deps) {
  const expired = await expireCases(deps);
  const callbacks = await deliverDueCallbacks(deps);
  return { expired, callbacks };
}
