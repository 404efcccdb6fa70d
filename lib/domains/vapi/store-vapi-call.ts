import type { Deps } from "@/lib/platform/deps";
import { SWITCHBOARD_CALL_ID_KEY } from "@/lib/adapters/telephony/vapi";
import { recordingUrlOf, updateOf, type VapiServerMessage } from "@/lib/adapters/telephony/vapi/call-report";
import type { ApplyCallUpdateResult } from "@/lib/domains/calls/locked-call-update";
import { storePlatformCall } from "@/lib/domains/calls/store-platform-call";

const KINDS: Record<string, string> = { inboundPhoneCall: "Inbound call", outboundPhoneCall: "Outbound call", webCall: "Web call" };

/** Stores one verified Vapi server message about a call (end-of-call-report, status-update) in our words; see storePlatformCall. */
export function storeVapiCall(
  deps: Pick<Deps, "db" | "config">,
  a: { accountId: string; message: VapiServerMessage; eventId: string },
): Promise<ApplyCallUpdateResult> {
  const m = a.message;
  const call = m.call;
  const ours = call.metadata?.[SWITCHBOARD_CALL_ID_KEY];
  const direction = call.type === "outboundPhoneCall" ? "outbound" : call.type === "inboundPhoneCall" ? "inbound" : undefined;
  const customer = call.customer?.number;
  const ourNumber = call.phoneNumber?.number;
  const analysis = m.analysis && typeof m.analysis === "object" ? (m.analysis as Record<string, unknown>) : undefined;
  return storePlatformCall(deps, {
    accountId: a.accountId,
    provider: "vapi",
    eventId: a.eventId,
    source: m.type,
    update: updateOf(m),
    facts: {
      providerCallId: call.id,
      ourCallId: typeof ours === "string" ? ours : undefined,
      kind: `${KINDS[call.type ?? ""] ?? "Call"} handled by Vapi assistant ${call.assistantId ?? "(unknown)"}`,
      direction,
      fromNumber: direction === "outbound" ? ourNumber : customer,
      toNumber: direction === "outbound" ? customer : ourNumber,
      agentId: call.assistantId,
      recordingUrl: recordingUrlOf(m),
      analysis: analysis && Object.keys(analysis).length ? analysis : undefined,
      metadata: call.metadata,
    },
  });
}
