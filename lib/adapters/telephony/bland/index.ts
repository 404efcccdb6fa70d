import { createHash } from "node:crypto";
import { createHttpClient } from "@/lib/adapters/telephony/http-client";
import { isTelephonyError, TelephonyError, type Model, type ProviderEvent, type TelephonyPort } from "@/lib/adapters/telephony/port";
import { parseSignedWebhook } from "@/lib/adapters/telephony/signature";
import { mapBlandCall } from "./map-call";
import { blandCall, blandErrorMessage, blandSendCallResponse, blandStopResponse, blandVoices } from "./schemas";

export type BlandOptions = { apiKey: string; baseUrl: string; webhookSecret: string; timeoutMs: number; maxRetries: number };

/** Bland documents `model` values but has no endpoint listing them. */
const BLAND_MODELS: Model[] = [
  { id: "base", name: "Base", description: "Bland's default: follows scripts and tasks closely and supports every feature." },
  { id: "turbo", name: "Turbo", description: "Bland's lowest-latency model for natural back-and-forth; fewer features." },
];

const id = (s: string) => encodeURIComponent(s);

/** Bland AI v1 (https://docs.bland.ai/api-v1): place, read, stop calls; voices; recordings; signed webhooks. */
export function createBlandTelephony(o: BlandOptions): TelephonyPort {
  const http = createHttpClient({
    vendor: "Bland",
    baseUrl: o.baseUrl,
    headers: { authorization: o.apiKey },
    timeoutMs: o.timeoutMs,
    maxRetries: o.maxRetries,
    errorMessage: blandErrorMessage,
  });

  return {
    name: "bland",

    async placeCall(input) {
      // Not retried: a POST that timed out may still have placed the call, and a second one would ring twice.
      const res = await http.json("POST", "/v1/calls", blandSendCallResponse, {
        body: {
          phone_number: input.phoneNumber,
          task: input.task,
          voice: input.voice,
          model: input.model,
          ...(input.firstSentence ? { first_sentence: input.firstSentence } : {}),
          ...(input.language ? { language: input.language } : {}),
          max_duration: input.maxDurationMinutes,
          record: input.record,
          webhook: input.webhookUrl || undefined,
          metadata: { ...input.metadata, call_id: input.callId },
        },
      });
      if (res.status !== "success") throw new TelephonyError(`Bland: ${res.message ?? "call refused"}`, { status: 400, retryable: false });
      return { providerCallId: res.call_id, status: "queued" };
    },

    async getCall(providerCallId) {
      return mapBlandCall(await http.json("GET", `/v1/calls/${id(providerCallId)}`, blandCall));
    },

    async stopCall(providerCallId) {
      // Stopping twice ends the same call: safe to retry.
      const res = await http.json("POST", `/v1/calls/${id(providerCallId)}/stop`, blandStopResponse, { idempotent: true });
      if (res.status !== "success")
        throw new TelephonyError(`Bland: ${res.message ?? "could not stop the call"}`, { status: 400, retryable: false });
    },

    async listVoices() {
      const { voices } = await http.json("GET", "/v1/voices", blandVoices);
      return voices.map((v) => ({
        id: v.name, // Bland accepts the name or the id in `voice`; names are what people recognise
        name: v.name,
        language: v.tags?.find((t) => /^[a-z]{2}(-[A-Z]{2})?$/.test(t)) ?? "en",
        description: v.description ?? undefined,
      }));
    },

    async listModels() {
      return BLAND_MODELS;
    },

    async getRecording(providerCallId) {
      try {
        const rec = await http.bytes(`/v1/recordings/${id(providerCallId)}`, { headers: { "content-type": "audio/wav" } });
        // Bland answers a missing recording with a JSON error envelope.
        if (rec.contentType.includes("json")) return null;
        return { ...rec, byteLength: rec.body.byteLength };
      } catch (e) {
        if (isTelephonyError(e) && e.opts.status === 404) return null;
        throw e;
      }
    },

    async verifyWebhook(rawBody, headers): Promise<ProviderEvent> {
      const body = parseSignedWebhook({ secret: o.webhookSecret, rawBody, headers, schema: blandCall, what: "a Bland call" });
      const call = mapBlandCall(body);
      const callId = body.metadata?.call_id;
      // Bland sends no event id; the same body delivered twice is the same event.
      const digest = createHash("sha256").update(rawBody).digest("hex").slice(0, 24);
      return {
        eventId: `bland_${body.call_id}_${call.status}_${digest}`,
        providerCallId: body.call_id,
        callId: typeof callId === "string" ? callId : undefined,
        status: call.status,
        at: call.endedAt ?? new Date(),
        call,
      };
    },
  };
}
