import { isAgentPlatform } from "@/lib/platform/agent-platform-ids";
import type { CallRow } from "@/lib/adapters/db/schema";
import type { PublicCall, PublicCallDetails } from "@/lib/domains/calls/schemas";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The public shape of a call (REST, MCP, admin pages). The transcript only in the details view. */
export function toPublicCall(row: CallRow): PublicCall {
  const final = row.cost !== null;
  return {
    id: row.id,
    status: row.status,
    phoneNumber: row.phoneNumber,
    task: row.task,
    firstSentence: row.firstSentence,
    voice: row.voice,
    model: row.model,
    language: row.language,
    maxDurationMinutes: row.maxDurationMinutes,
    record: row.record,
    provider: row.provider,
    providerCallId: row.providerCallId,
    endReason: row.endReason,
    startedAt: iso(row.startedAt),
    answeredAt: iso(row.answeredAt),
    endedAt: iso(row.endedAt),
    durationSeconds: row.durationSeconds,
    heldCredits: final ? 0 : row.holdAmount,
    cost: row.cost,
    ratePerMinute: row.ratePerMinute,
    summary: row.summary,
    recordingAvailable: row.recordingAvailable,
    caseId: row.caseId,
    metadata: row.metadata ?? {},
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toCallDetails(row: CallRow): PublicCallDetails {
  // What an agent platform's webhooks said (Retell, Vapi); `retell` keeps its name for Retell's calls.
  const facts = isAgentPlatform(row.provider)
    ? {
        direction: row.direction,
        fromNumber: row.fromNumber,
        toNumber: row.toNumber,
        agentId: row.agentId,
        recordingUrl: row.recordingUrl,
        callAnalysis: row.callAnalysis,
      }
    : null;
  return {
    ...toPublicCall(row),
    transcript: row.transcript ?? [],
    retell: row.provider === "retell" ? facts : null,
    platform: facts && { provider: row.provider, ...facts },
  };
}
