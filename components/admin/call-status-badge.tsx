import type { CallStatus } from "@/lib/telephony/port";

const TONE: Record<CallStatus, "ok" | "warn" | "bad" | "muted" | ""> = {
  queued: "",
  ringing: "warn",
  in_progress: "warn",
  completed: "ok",
  no_answer: "muted",
  busy: "muted",
  failed: "bad",
  canceled: "muted",
};

/** A call's status as a coloured pill; the text itself carries the meaning (colour is only a hint). */
export function CallStatusBadge({ status }: { status: CallStatus }) {
  return <span className={`adm-badge ${TONE[status]}`}>{status.replace("_", " ")}</span>;
}
