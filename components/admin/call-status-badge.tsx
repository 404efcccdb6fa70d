import type { CallStatus } from "@/lib/adapters/telephony/port";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONE: Record<CallStatus, BadgeTone> = {
  queued: "neutral",
  ringing: "warn",
  in_progress: "warn",
  completed: "ok",
  no_answer: "neutral",
  busy: "neutral",
  failed: "bad",
  canceled: "neutral",
};

/** A call's status as a coloured pill; the text itself carries the meaning (colour is only a hint). */
export function CallStatusBadge({ status }: { status: CallStatus }) {
  return <Badge tone={TONE[status]}>{status.replace("_", " ")}</Badge>;
}
