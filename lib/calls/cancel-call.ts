import type { Deps } from "@/lib/deps";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { isFinalCallStatus } from "@/lib/telephony/port";
import { getCallRowOrThrow } from "@/lib/calls/access";
import { assertScope } from "@/lib/auth/permissions";
import { applyCallUpdate } from "@/lib/calls/apply-call-update";
import { toPublicCall } from "@/lib/calls/call-view";
import { telephonyForCall } from "@/lib/calls/account-telephony";
import type { PublicCall } from "@/lib/calls/schemas";
import { log } from "@/lib/log";

/**
 * cancel_call: asks the provider to stop the call, then records it canceled (releasing its hold). A call
 * already final is returned as it is; if the provider cannot be reached the call is left unchanged (409 / 503).
 */
export async function cancelCall(deps: Deps, principal: Principal, callId: string): Promise<PublicCall> {
  assertScope(principal, "calls:write");
  const row = await getCallRowOrThrow(deps.db, principal.accountId, callId);
  if (isFinalCallStatus(row.status)) return toPublicCall(row);
  if (row.providerCallId) {
    try {
      const telephony = await telephonyForCall(deps, row);
      if (!telephony) throw new Error(`provider ${row.provider} is not available here`);
      await telephony.stopCall(row.providerCallId);
    } catch (e) {
      log.warn({ callId, err: String(e) }, "provider stop failed");
      throw new AppError("unavailable", "The phone provider did not confirm the cancellation; the call may still be running. Try again.");
    }
  }
  const { call } = await applyCallUpdate(deps, { callId: row.id, update: { status: "canceled", endReason: "canceled by request", endedAt: new Date() }, source: "cancel" });
  return toPublicCall(call);
}
