import type { ConsoleCase, ConsoleMember } from "@/components/console/types";

export function PriorityBadges({ c }: { c: Pick<ConsoleCase, "priority" | "urgency"> }) {
  return (
    <>
      <span className={`cx-badge cx-p${c.priority}`} title="Priority, 1 (lowest) to 5 (highest)">
        P{c.priority}
      </span>
      <span className={`cx-badge cx-u-${c.urgency}`}>{c.urgency} urgency</span>
    </>
  );
}

export const isVoice = (c: Pick<ConsoleCase, "callId" | "agentId">) => !!(c.callId || c.agentId);

export function VoiceBadge({ c }: { c: Pick<ConsoleCase, "callId" | "agentId"> }) {
  if (!isVoice(c)) return null;
  return (
    <span className="cx-badge cx-voice" title={c.callId ? `Call ${c.callId}` : `Agent ${c.agentId}`}>
      <span aria-hidden="true">☎ </span>voice call
    </span>
  );
}

export function holderLabel(c: Pick<ConsoleCase, "status" | "claimedBy">, me: ConsoleMember): string | null {
  if (c.status !== "claimed" || !c.claimedBy) return null;
  return c.claimedBy.type === "member" && c.claimedBy.id === me.id ? "You" : c.claimedBy.name;
}
