import type { Deps } from "@/lib/platform/deps";
import { SWITCHBOARD_CALL_ID_KEY } from "@/lib/adapters/telephony/retell";
import { updateOf, type RetellEventName, type RetellWebhookCall } from "@/lib/adapters/telephony/retell/webhook-event";
import type { ApplyCallUpdateResult } from "@/lib/domains/calls/locked-call-update";
import { storePlatformCall } from "@/lib/domains/calls/store-platform-call";

export const RETELL_PROVIDER = "retell";

/** Stores one verified Retell webhook event (Retell's call object in our words; see storePlatformCall). */
export function storeRetellCall(
  deps: Pick<Deps, "db" | "config">,
  a: { accountId: string; event: RetellEventName; call: RetellWebhookCall; eventId: string },
): Promise<ApplyCallUpdateResult> {
  const { call } = a;
  const ours = call.metadata?.[SWITCHBOARD_CALL_ID_KEY];
  const kind = call.call_type === "web_call" ? "Web call" : call.direction === "outbound" ? "Outbound call" : "Inbound call";
  return storePlatformCall(deps, {
    accountId: a.accountId,
    provider: RETELL_PROVIDER,
    eventId: a.eventId,
    source: a.event,
    update: updateOf(a.event, call),
    facts: {
      providerCallId: call.call_id,
      ourCallId: typeof ours === "string" ? ours : undefined,
      kind: `${kind} handled by Retell agent ${call.agent_id ?? "(unknown)"}`,
      direction: call.direction,
      fromNumber: call.from_number,
      toNumber: call.to_number,
      agentId: call.agent_id,
      recordingUrl: call.recording_url,
      analysis: call.call_analysis,
      metadata: call.metadata,
    },
  });
}
