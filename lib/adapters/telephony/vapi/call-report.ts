import { z } from "zod";
import type { CallStatus, CallUpdate, TranscriptTurn } from "@/lib/adapters/telephony/port";

const text = z.string().max(20_000).optional().catch(undefined);
const num = z.number().finite().nonnegative().optional().catch(undefined);
const obj = <T extends z.ZodRawShape>(shape: T) => z.object(shape).loose().optional().catch(undefined);

/**
 * Vapi's call object, as its server messages and GET /call/{id} carry it. Lenient: a field of an unexpected
 * shape is dropped, never a reason to lose the report; only `id` is required.
 */
export const vapiCallObject = z
  .object({
    id: z.string().min(1).max(200),
    type: text,
    status: text,
    assistantId: z.string().max(200).optional().catch(undefined),
    customer: obj({ number: z.string().max(40).optional().catch(undefined) }),
    phoneNumber: obj({ number: z.string().max(40).optional().catch(undefined) }),
    metadata: z.record(z.string(), z.unknown()).optional().catch(undefined),
    startedAt: text,
    endedAt: text,
    endedReason: z.string().max(200).optional().catch(undefined),
    monitor: obj({ controlUrl: text }),
    artifact: z.unknown().optional(),
    analysis: z.unknown().optional(),
  })
  .loose();
export type VapiCallObject = z.infer<typeof vapiCallObject>;

const artifactSchema = obj({
  messages: z.array(z.unknown()).optional().catch(undefined),
  transcript: text,
  recordingUrl: z.string().url().max(2000).optional().catch(undefined),
});
const analysisSchema = obj({ summary: text, successEvaluation: z.unknown().optional(), structuredData: z.unknown().optional() });

/** The server messages stored (`end-of-call-report`, `status-update`); others are acknowledged and ignored. */
export const vapiServerMessage = z.object({
  message: z
    .object({
      type: z.string().min(1).max(100),
      status: text,
      endedReason: z.string().max(200).optional().catch(undefined),
      startedAt: text,
      endedAt: text,
      durationSeconds: num,
      recordingUrl: z.string().url().max(2000).optional().catch(undefined),
      summary: text,
      transcript: text,
      artifact: artifactSchema,
      analysis: analysisSchema,
      call: vapiCallObject,
    })
    .loose(),
});
export type VapiServerMessage = z.infer<typeof vapiServerMessage>["message"];

const NO_ANSWER = /customer-did-not-answer|no-answer|voicemail-not-left/;
const BUSY = /customer-busy/;
const FAILED = /error|failed|fault|invalid|rejected|timed-out|not-found|insufficient/;

/** A final outcome from Vapi's endedReason (a hangup, an end-call phrase or a transfer is a completed call). */
export function finalStatusOf(reason: string | undefined): CallStatus {
  if (!reason) return "completed";
  if (NO_ANSWER.test(reason)) return "no_answer";
  if (BUSY.test(reason)) return "busy";
  if (
    /customer-ended-call|assistant-ended-call|assistant-said-end-call-phrase|forwarded|exceeded-max-duration|silence-timed-out/.test(reason)
  )
    return "completed";
  return FAILED.test(reason) ? "failed" : "completed";
}

/** Where the call is, from Vapi's status (scheduled/queued → ringing → in-progress → forwarding → ended). */
export function statusOf(m: Pick<VapiServerMessage, "type" | "status" | "endedReason">, call: VapiCallObject): CallStatus {
  const s = m.type === "status-update" ? (m.status ?? call.status) : call.status;
  if (m.type === "end-of-call-report" || s === "ended") return finalStatusOf(m.endedReason ?? call.endedReason);
  if (s === "ringing") return "ringing";
  if (s === "in-progress" || s === "forwarding") return "in_progress";
  return "queued";
}

const turn = z.object({ role: z.string(), message: z.string(), secondsFromStart: num }).loose();

/** Vapi's spoken messages as our turns (agent / caller, seconds into the call); tool calls and system prompts skipped. */
export function transcriptOf(messages: unknown[] | undefined, plain: string | undefined): TranscriptTurn[] | undefined {
  const turns = (messages ?? []).flatMap((t) => {
    const u = turn.safeParse(t);
    if (!u.success || !u.data.message.trim() || !["bot", "assistant", "user"].includes(u.data.role)) return [];
    return [
      {
        speaker: u.data.role === "user" ? ("caller" as const) : ("agent" as const),
        text: u.data.message,
        atSeconds: u.data.secondsFromStart ?? 0,
      },
    ];
  });
  if (turns.length) return turns;
  const lines = (plain ?? "").split("\n").flatMap((line) => {
    const m = /^(AI|User):\s?(.*)$/.exec(line);
    return m && m[2]!.trim() ? [{ speaker: m[1] === "AI" ? ("agent" as const) : ("caller" as const), text: m[2]!, atSeconds: 0 }] : [];
  });
  return lines.length ? lines : undefined;
}

const date = (v: string | undefined) => {
  const d = v ? new Date(v) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
};

/** What a server message says about the call, in the shape every provider's update takes. */
export function updateOf(m: VapiServerMessage): CallUpdate {
  const call = m.call;
  const startedAt = date(m.startedAt ?? call.startedAt);
  const endedAt = date(m.endedAt ?? call.endedAt);
  const duration = m.durationSeconds ?? (startedAt && endedAt ? (endedAt.getTime() - startedAt.getTime()) / 1000 : undefined);
  const summary = m.analysis?.summary ?? m.summary;
  return {
    status: statusOf(m, call),
    providerCallId: call.id,
    startedAt,
    answeredAt: startedAt,
    endedAt,
    durationSeconds: duration === undefined ? undefined : Math.round(duration),
    endReason: m.endedReason ?? call.endedReason,
    summary: summary ? summary.slice(0, 8000) : undefined,
    transcript: transcriptOf(m.artifact?.messages, m.artifact?.transcript ?? m.transcript),
  };
}

/** The recording link, wherever this version of the report put it. */
export const recordingUrlOf = (m: VapiServerMessage) => m.artifact?.recordingUrl ?? m.recordingUrl;
