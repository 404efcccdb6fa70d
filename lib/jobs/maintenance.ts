import type { Deps } from "@/lib/deps";
import { expireCases } from "@/lib/hitl/close-case";
import { deliverDueCallbacks } from "@/lib/hitl/callbacks";
import { dispatchPhoneFollowups } from "@/lib/calls/dispatch-followups";
import { withTelephony } from "@/lib/calls/with-telephony";

/** One pass of the periodic work: expire stale cases, send due callbacks, place due late-answer callback calls. Safe to run anywhere, any time. */
export async function runMaintenance(deps: Deps) {
  const expired = await expireCases(deps);
  const callbacks = await deliverDueCallbacks(deps);
  const phoneFollowups = await dispatchPhoneFollowups(withTelephony(deps));
  return { expired, callbacks, phoneFollowups };
}
