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

/** The on-call topic was paged about this case (nobody online, or left unclaimed). */
export function PagedBadge({ c }: { c: Pick<ConsoleCase, "pagedAt"> }) {
  if (!c.pagedAt) return null;
  const at = new Date(c.pagedAt);
  return (
    <span
      className="cx-badge cx-paged"
      data-testid="paged-badge"
      title={`On-call paged at ${at.toISOString().slice(0, 19).replace("T", " ")} UTC`}
    >
      <span aria-hidden="true">🔔 </span>on-call paged {at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}
    </span>
  );
}
