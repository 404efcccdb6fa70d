import type { AgentPlatformId } from "@/lib/platform/agent-platform-ids";

/**
 * The telephony port: what the calls domain needs from a phone provider. Adapters: `simulator`
 * (embedded default), `bland` (Bland AI v1 API) — one of them is the process's, chosen by TELEPHONY_DRIVER
 * and built by the composition root (lib/composition/deps.ts) — and `retell`, built per account from the
 * API key the account connected (lib/domains/calls/account-telephony.ts). Only an adapter imports a vendor
 * client; the calls domain (lib/domains/calls) owns ids, credits, persistence and status sync.
 */

/** A provider's view of a call's state. `completed`, `no_answer`, `busy`, `failed` and `canceled` are final. */
export const CALL_STATUSES = ["queued", "ringing", "in_progress", "completed", "no_answer", "busy", "failed", "canceled"] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
export const FINAL_CALL_STATUSES: readonly CallStatus[] = ["completed", "no_answer", "busy", "failed", "canceled"];
export const isFinalCallStatus = (s: CallStatus) => FINAL_CALL_STATUSES.includes(s);

export type TranscriptTurn = { speaker: "agent" | "caller"; text: string; atSeconds: number };

export type PlaceCallInput = {
  /** Our call id; providers echo it back in webhooks (metadata) so events can be matched without a lookup. */
  callId: string;
  phoneNumber: string;
  task: string;
  firstSentence?: string;
  voice: string;
  model: string;
  language?: string;
  maxDurationMinutes: number;
  record: boolean;
  /** Where the provider should POST status events (our /api/webhooks/<provider>). */
  webhookUrl: string;
  metadata: Record<string, string>;
};

export type ProviderCall = {
  providerCallId: string;
  status: CallStatus;
  startedAt?: Date;
  answeredAt?: Date;
  endedAt?: Date;
  durationSeconds?: number;
  transcript: TranscriptTurn[];
  summary?: string;
  endReason?: string;
  recordingAvailable: boolean;
  /** What the provider charged for the call in US dollars (Bland's `price`), when it says; informational — our own rates bill the account. */
  priceUsd?: number;
};

/** What a webhook, the sync job or a cancel learned about a call: a status plus whatever else the provider said. */
export type CallUpdate = Partial<Omit<ProviderCall, "status">> & { status: CallStatus };

/** A verified status event from the provider's webhook. `eventId` makes replays detectable. */
export type ProviderEvent = {
  eventId: string;
  providerCallId: string;
  callId?: string;
  status: CallStatus;
  at: Date;
  call?: Partial<ProviderCall>;
};

export type Voice = { id: string; name: string; language: string; description?: string };
export type Model = { id: string; name: string; description: string };

/** Audio of a call: bytes, or a stream (a long recording is never held in memory) with its exact length. */
export type Recording = { contentType: string; byteLength: number; body: Uint8Array | ReadableStream<Uint8Array> };

/** The whole recording as bytes (tests, small files). */
export async function recordingBytes(rec: Recording): Promise<Uint8Array> {
  return rec.body instanceof Uint8Array ? rec.body : new Uint8Array(await new Response(rec.body).arrayBuffer());
}

/**
 * A provider refused or failed a request; `retryable` tells the sync job whether backing off can help.
 * Recognise it with isTelephonyError, never `instanceof`: the adapter is a process-wide singleton built
 * by whichever Next.js route chunk ran first, so its class is not necessarily the caller's copy.
 */
export class TelephonyError extends Error {
  readonly code = "telephony_error";
  constructor(
    message: string,
    readonly opts: { status?: number; retryable: boolean; retryAfterMs?: number },
  ) {
    super(message);
    this.name = "TelephonyError";
  }
}

export const isTelephonyError = (e: unknown): e is TelephonyError =>
  typeof e === "object" &&
  e !== null &&
  (e as { code?: unknown }).code === "telephony_error" &&
  typeof (e as TelephonyError).opts === "object";

export interface TelephonyPort {
  readonly name: "simulator" | "bland" | AgentPlatformId;
  placeCall(input: PlaceCallInput): Promise<{ providerCallId: string; status: CallStatus }>;
  getCall(providerCallId: string): Promise<ProviderCall>;
  stopCall(providerCallId: string): Promise<void>;
  listVoices(): Promise<Voice[]>;
  listModels(): Promise<Model[]>;
  /** The recording's audio, or null when the call has none (yet). */
  getRecording(providerCallId: string): Promise<Recording | null>;
  /** Checks the signature over the raw body and parses the event; throws TelephonyError (status 401) when it does not verify. */
  verifyWebhook(rawBody: string, headers: Headers): Promise<ProviderEvent>;
  close?(): Promise<void>;
}
