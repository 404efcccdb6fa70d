import type { CallStatus, ProviderCall } from "@/lib/adapters/telephony/port";
import { callNoise, type SimCall } from "./call-id";
import { simSummary, simTranscript } from "./transcript";

/**
 * Outcome by the number's last four digits (documented in docs/telephony.md):
 * 0000 → no_answer, 1111 → busy, 9999 → failed, 7777 → talks until max duration, anything else → completed.
 */
export type SimOutcome = "completed" | "no_answer" | "busy" | "failed" | "max_duration";

export function simOutcome(phoneNumber: string): SimOutcome {
  const tail = phoneNumber.replace(/\D/g, "").slice(-4);
  return ({ "0000": "no_answer", "1111": "busy", "9999": "failed", "7777": "max_duration" } as const)[tail] ?? "completed";
}

/** Price per talk minute the simulator reports, like Bland's published per-minute rate. */
const PRICE_PER_MINUTE_USD = 0.09;

/** The call's steps in simulated seconds since placement; the last one is final. */
export function simTimeline(call: SimCall): Array<{ status: CallStatus; at: number }> {
  const outcome = simOutcome(call.n);
  const dialing = 2;
  if (outcome === "failed")
    return [
      { status: "queued", at: 0 },
      { status: "failed", at: dialing },
    ];
  const steps: Array<{ status: CallStatus; at: number }> = [
    { status: "queued", at: 0 },
    { status: "ringing", at: dialing },
  ];
  if (outcome === "busy") return [...steps, { status: "busy", at: dialing + 2 }];
  if (outcome === "no_answer") return [...steps, { status: "no_answer", at: dialing + 30 }];
  const answer = dialing + 3 + Math.round(callNoise(call, "ring") * 50) / 10;
  return [...steps, { status: "in_progress", at: answer }, { status: "completed", at: answer + talkSeconds(call) }];
}

function talkSeconds(call: SimCall): number {
  const cap = call.d * 60;
  if (simOutcome(call.n) === "max_duration") return cap;
  return Math.min(cap, 20 + Math.round(callNoise(call, "talk") * 55));
}

const END_REASON: Partial<Record<CallStatus, string>> = {
  failed: "carrier_error: the number could not be reached",
  busy: "busy",
  no_answer: "no_answer",
  canceled: "canceled",
};

/** The call as the provider sees it at `nowMs` (and, if it was stopped, at `canceledAtMs`). */
export function simCallAt(call: SimCall, providerCallId: string, nowMs: number, canceledAtMs?: number): ProviderCall {
  const toMs = (simSeconds: number) => call.t + (simSeconds * 1000) / call.s;
  const timeline = simTimeline(call);
  const final = timeline[timeline.length - 1]!;
  const canceled = canceledAtMs !== undefined && canceledAtMs < toMs(final.at) && canceledAtMs <= nowMs;
  const at = canceled ? canceledAtMs! : nowMs;
  const reached = timeline.filter((s) => toMs(s.at) <= at);
  const status: CallStatus = canceled ? "canceled" : (reached[reached.length - 1]?.status ?? "queued");
  const answered = timeline.find((s) => s.status === "in_progress");
  const answeredAtMs = answered && toMs(answered.at) <= at ? toMs(answered.at) : undefined;
  const ended = canceled || status === final.status;
  const endedAtMs = canceled ? canceledAtMs : ended ? toMs(final.at) : undefined;
  const talk = answeredAtMs ? (((endedAtMs ?? at) - answeredAtMs) * call.s) / 1000 : 0;
  const fullTalk = answered ? talkSeconds(call) : 0;
  const transcript = answeredAtMs ? simTranscript(call, fullTalk).filter((t) => t.atSeconds <= talk) : [];
  return {
    providerCallId,
    status,
    startedAt: reached[1] ? new Date(toMs(reached[1].at)) : undefined,
    answeredAt: answeredAtMs ? new Date(answeredAtMs) : undefined,
    endedAt: endedAtMs ? new Date(endedAtMs) : undefined,
    durationSeconds: answeredAtMs ? Math.round(talk) : ended ? 0 : undefined,
    transcript,
    summary: ended && answeredAtMs ? simSummary(call, status === "completed") : undefined,
    endReason: status === "completed" ? (simOutcome(call.n) === "max_duration" ? "max_duration" : "hangup") : END_REASON[status],
    recordingAvailable: call.r === 1 && ended && !!answeredAtMs && talk > 0,
    priceUsd: ended ? Math.round((Math.ceil(talk) / 60) * PRICE_PER_MINUTE_USD * 1000) / 1000 : undefined,
  };
}
