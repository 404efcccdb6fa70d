import { z } from "zod";
import type { CallStatus, CallUpdate, TranscriptTurn } from "@/lib/adapters/telephony/port";

/** The webhook events stored; others (transfer_*, chat events) are acknowledged and ignored. */
export const STORED_EVENTS = ["call_started", "call_ended", "call_analyzed", "transcript_updated"] as const;
export type RetellEventName = (typeof STORED_EVENTS)[number];

const text = z.string().max(20_000).optional().catch(undefined);
const ms = z.number().finite().nonnegative().optional().catch(undefined);
const word = z.object({ start: z.number().finite().optional() }).loose();
const utterance = z.object({ role: z.string(), content: z.string(), words: z.array(word).optional().catch(undefined) }).loose();

/**
 * Retell's call object as webhooks carry it (the same content as its Get Call API). Lenient: a field of an
 * unexpected shape is dropped, never a reason to lose the event; only `call_id` is required.
 */
export const retellWebhookCall = z
  .object({
    call_id: z.string().min(1).max(200),
    call_type: text,
    agent_id: z.string().max(200).optional().catch(undefined),
    call_status: text,
    direction: z.enum(["inbound", "outbound"]).optional().catch(undefined),
    from_number: z.string().max(40).optional().catch(undefined),
    to_number: z.string().max(40).optional().catch(undefined),
    metadata: z.record(z.string(), z.unknown()).optional().catch(undefined),
    retell_llm_dynamic_variables: z.record(z.string(), z.unknown()).optional().catch(undefined),
    start_timestamp: ms,
    end_timestamp: ms,
    duration_ms: ms,
    disconnection_reason: z.string().max(200).optional().catch(undefined),
    transcript: z.string().optional().catch(undefined),
    transcript_object: z.array(z.unknown()).optional().catch(undefined),
    recording_url: z.string().url().max(2000).optional().catch(undefined),
    call_analysis: z.record(z.string(), z.unknown()).optional().catch(undefined),
  })
  .loose();
export type RetellWebhookCall = z.infer<typeof retellWebhookCall>;

export const retellWebhookBody = z.object({ event: z.string().min(1).max(100), call: retellWebhookCall });

const NO_ANSWER = new Set(["dial_no_answer", "user_declined"]);
const BUSY = new Set(["dial_busy"]);
const FAILED =
  /^(dial_failed|invalid_destination|error_|concurrency_limit_reached|no_valid_payment|telephony_provider_|sip_routing_error|marked_as_spam|scam_detected)/;

/** A final outcome from Retell's disconnection reason (a hangup, transfer or voicemail is a completed call). */
export function finalStatusOf(reason: string | undefined): CallStatus {
  if (!reason) return "completed";
  if (NO_ANSWER.has(reason)) return "no_answer";
  if (BUSY.has(reason)) return "busy";
  return FAILED.test(reason) ? "failed" : "completed";
}

/** Where the call is, from the event and Retell's call_status (registered → ongoing → ended | error | not_connected). */
export function statusOf(event: RetellEventName, call: RetellWebhookCall): CallStatus {
  const s = call.call_status;
  if (event === "call_ended" || event === "call_analyzed" || s === "ended") return finalStatusOf(call.disconnection_reason);
  if (s === "error") return "failed";
  if (s === "not_connected") return call.disconnection_reason ? finalStatusOf(call.disconnection_reason) : "failed";
  if (s === "registered" && event !== "call_started") return "queued";
  return "in_progress";
}

/** Retell's utterances as our turns: agent / caller, each at the start of its first word (seconds into the call). */
export function transcriptOf(call: RetellWebhookCall): TranscriptTurn[] | undefined {
  const turns = (call.transcript_object ?? []).flatMap((t) => {
    const u = utterance.safeParse(t);
    if (!u.success || !u.data.content.trim()) return [];
    return [
      {
        speaker: u.data.role === "agent" ? ("agent" as const) : ("caller" as const),
        text: u.data.content,
        atSeconds: u.data.words?.[0]?.start ?? 0,
      },
    ];
  });
  if (turns.length) return turns;
  if (!call.transcript) return undefined;
  // The plain "Agent: …\nUser: …" transcript has no timings.
  const plain = call.transcript.split("\n").flatMap((line) => {
    const m = /^(Agent|User):\s?(.*)$/.exec(line);
    return m && m[2]!.trim() ? [{ speaker: m[1] === "Agent" ? ("agent" as const) : ("caller" as const), text: m[2]!, atSeconds: 0 }] : [];
  });
  return plain.length ? plain : undefined;
}

const date = (v: number | undefined) => (v === undefined ? undefined : new Date(v));

/** What the event says about the call in the shape every provider's update takes. */
export function updateOf(event: RetellEventName, call: RetellWebhookCall): CallUpdate {
  const summary = call.call_analysis?.call_summary;
  return {
    status: statusOf(event, call),
    providerCallId: call.call_id,
    startedAt: date(call.start_timestamp),
    answeredAt: call.call_status === "not_connected" ? undefined : date(call.start_timestamp),
    endedAt: date(call.end_timestamp),
    durationSeconds: call.duration_ms === undefined ? undefined : Math.round(call.duration_ms / 1000),
    endReason: call.disconnection_reason,
    summary: typeof summary === "string" ? summary.slice(0, 8000) : undefined,
    transcript: transcriptOf(call),
  };
}
