import { createHash } from "node:crypto";
import { z } from "zod";
import { isoDateText } from "@/lib/platform/validation/dates";
import { safeText } from "@/lib/platform/validation/safe-text";
import { CALL_STATUSES, type ProviderCall, type ProviderEvent } from "@/lib/adapters/telephony/port";

/** The simulator's webhook body: one status change, with the call as it stood then (snake_case, like Bland). */
export const simEventSchema = z.object({
  event_id: safeText().min(1).max(4000),
  call_id: safeText().min(1).max(4000), // the stateless simulator id carries the call's inputs (lib/adapters/telephony/simulator/call-id.ts)
  status: z.enum(CALL_STATUSES),
  at: isoDateText(),
  metadata: z.record(safeText().max(100), safeText().max(1000)).default({}),
  call: z.object({
    started_at: isoDateText().nullable(),
    answered_at: isoDateText().nullable(),
    ended_at: isoDateText().nullable(),
    duration_seconds: z.number().int().min(0).max(86_400).nullable(),
    transcript: z
      .array(z.object({ speaker: z.enum(["agent", "caller"]), text: safeText().max(10_000), at_seconds: z.number().min(0).max(86_400) }))
      .max(1000),
    summary: safeText().max(10_000).nullable(),
    end_reason: safeText().max(500).nullable(),
    recording_available: z.boolean(),
    price_usd: z.number().nullable(),
  }),
});
export type SimEvent = z.infer<typeof simEventSchema>;

/** Same call, same status → same id, so a redelivered event is recognisably a replay. */
export const simEventId = (providerCallId: string, status: string) =>
  `sim_evt_${createHash("sha256").update(`${providerCallId}|${status}`).digest("hex").slice(0, 32)}`;

const iso = (d?: Date) => (d ? d.toISOString() : null);

export function toSimEvent(call: ProviderCall, callId: string, metadata: Record<string, string>, at: Date): SimEvent {
  return {
    event_id: simEventId(call.providerCallId, call.status),
    call_id: call.providerCallId,
    status: call.status,
    at: at.toISOString(),
    metadata: { ...metadata, call_id: callId },
    call: {
      started_at: iso(call.startedAt),
      answered_at: iso(call.answeredAt),
      ended_at: iso(call.endedAt),
      duration_seconds: call.durationSeconds ?? null,
      transcript: call.transcript.map((t) => ({ speaker: t.speaker, text: t.text, at_seconds: t.atSeconds })),
      summary: call.summary ?? null,
      end_reason: call.endReason ?? null,
      recording_available: call.recordingAvailable,
      price_usd: call.priceUsd ?? null,
    },
  };
}

const date = (s: string | null) => (s ? new Date(s) : undefined);

export function fromSimEvent(e: SimEvent): ProviderEvent {
  const c = e.call;
  return {
    eventId: e.event_id,
    providerCallId: e.call_id,
    callId: e.metadata.call_id,
    status: e.status,
    at: new Date(e.at),
    call: {
      providerCallId: e.call_id,
      status: e.status,
      startedAt: date(c.started_at),
      answeredAt: date(c.answered_at),
      endedAt: date(c.ended_at),
      durationSeconds: c.duration_seconds ?? undefined,
      transcript: c.transcript.map((t) => ({ speaker: t.speaker, text: t.text, atSeconds: t.at_seconds })),
      summary: c.summary ?? undefined,
      endReason: c.end_reason ?? undefined,
      recordingAvailable: c.recording_available,
      priceUsd: c.price_usd ?? undefined,
    },
  };
}
