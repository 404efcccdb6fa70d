import type { Deps } from "@/lib/platform/deps";
import type { Principal } from "@/lib/domains/auth/principal";
import { AppError } from "@/lib/platform/errors";
import { isFinalCallStatus } from "@/lib/adapters/telephony/port";
import { getCallRowOrThrow } from "@/lib/domains/calls/access";
import { assertScope } from "@/lib/domains/auth/permissions";
import { applyCallUpdate } from "@/lib/domains/calls/apply-call-update";
import { toPublicCall } from "@/lib/domains/calls/call-view";
import { telephonyForCall } from "@/lib/domains/calls/account-telephony";
import type { PublicCall } from "@/lib/domains/calls/schemas";
import { log } from "@/lib/platform/log";

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
  const { call } = await applyCallUpdate(deps, {
    callId: row.id,
    update: { status: "canceled", endReason: "canceled by request", endedAt: new Date() },
    source: "cancel",
  });
  return toPublicCall(call);
}
