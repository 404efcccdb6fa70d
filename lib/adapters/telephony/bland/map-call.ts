import type { CallStatus, ProviderCall, TranscriptTurn } from "@/lib/adapters/telephony/port";
import type { BlandCall } from "./schemas";

const lower = (s?: string | null) => (s ?? "").toLowerCase();
const date = (s?: string | null) => (s && !Number.isNaN(Date.parse(s)) ? new Date(s) : undefined);

/**
 * Bland reports progress in `status` / `queue_status` (queued, new, allocated, started, in-progress,
 * complete(d), …) and `completed`, which the docs call the most up-to-date signal. How an ended call
 * ended comes from `answered_by` ("no-answer") and `error_message` (busy, failures).
 */
export function mapBlandStatus(c: BlandCall): CallStatus {
  const q = lower(c.status) || lower(c.queue_status);
  const err = lower(c.error_message);
  if (["canceled", "cancelled", "stopped"].includes(q)) return "canceled";
  const ended = c.completed === true || ["completed", "complete", "ended", "failed", "error", "no-answer", "busy"].includes(q);
  if (!ended) {
    if (q === "ringing") return "ringing";
    if (["started", "in-progress", "in_progress", "active", "answered", "connected"].includes(q)) return "in_progress";
    return "queued";
  }
  if (q === "no-answer" || lower(c.answered_by) === "no-answer" || err.includes("no answer") || err.includes("no-answer"))
    return "no_answer";
  if (q === "busy" || err.includes("busy")) return "busy";
  if (q === "failed" || q === "error" || (err && !(c.call_length ?? 0))) return "failed";
  return "completed";
}

function turns(c: BlandCall, answeredAt?: Date): TranscriptTurn[] {
  if (c.transcripts?.length) {
    return c.transcripts
      .filter((t) => t.user === "user" || t.user === "assistant")
      .map((t) => {
        const at = date(t.created_at);
        const atSeconds = at && answeredAt ? Math.max(0, Math.round((at.getTime() - answeredAt.getTime()) / 100) / 10) : 0;
        return { speaker: t.user === "assistant" ? "agent" : "caller", text: t.text.trim(), atSeconds } as const;
      });
  }
  // Older payloads carry only "user: … \n assistant: …".
  return (c.concatenated_transcript ?? "")
    .split("\n")
    .map((line) => /^\s*(user|assistant)\s*:\s*(.*)$/i.exec(line))
    .filter((m): m is RegExpExecArray => !!m && !!m[2]?.trim())
    .map((m) => ({ speaker: lower(m[1]) === "assistant" ? "agent" : "caller", text: m[2]!.trim(), atSeconds: 0 }) as TranscriptTurn);
}

export function mapBlandCall(c: BlandCall): ProviderCall {
  const status = mapBlandStatus(c);
  const durationSeconds = c.call_length != null ? Math.round(c.call_length * 60) : undefined;
  const started = date(c.started_at);
  const talked = (durationSeconds ?? 0) > 0 || status === "in_progress";
  const answeredAt = talked ? started : undefined;
  const final = ["completed", "no_answer", "busy", "failed", "canceled"].includes(status);
  // end_at is when Bland *would* cut the call (max_duration); once it ended, start + length is the real end.
  const endedAt = final
    ? started && durationSeconds != null
      ? new Date(started.getTime() + durationSeconds * 1000)
      : date(c.end_at)
    : undefined;
  return {
    providerCallId: c.call_id,
    status,
    startedAt: started ?? date(c.created_at),
    answeredAt,
    endedAt,
    durationSeconds,
    transcript: turns(c, answeredAt),
    summary: c.summary ?? undefined,
    endReason: c.error_message ?? (c.call_ended_by ? `ended by ${lower(c.call_ended_by)}` : undefined),
    recordingAvailable: !!c.recording_url,
    priceUsd: c.price ?? undefined,
  };
}
