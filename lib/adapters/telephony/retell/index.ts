import { z } from "zod";
import { createHttpClient } from "@/lib/adapters/telephony/http-client";
import { TelephonyError, type Model, type ProviderCall, type TelephonyPort } from "@/lib/adapters/telephony/port";
import { retellWebhookCall, updateOf, type RetellEventName } from "@/lib/adapters/telephony/retell/webhook-event";

export type RetellTelephonyOptions = {
  /** The account's Retell API key (Authorization: Bearer). */
  apiKey: string;
  baseUrl: string;
  /** The account's Retell agent that makes the call (override_agent_id). */
  agentId: string;
  /** A number bought in or imported into Retell (from_number, E.164). */
  fromNumber: string;
  timeoutMs: number;
  maxRetries: number;
};

/** The metadata key our calls carry, so Retell's webhooks find the row we reserved (see lib/domains/retell/store-retell-call.ts). */
export const SWITCHBOARD_CALL_ID_KEY = "switchboard_call_id";

const createCallResponse = z.object({ call_id: z.string().min(1), call_status: z.string().optional() }).loose();
const voices = z.array(
  z
    .object({ voice_id: z.string(), voice_name: z.string().optional(), accent: z.string().optional(), provider: z.string().optional() })
    .loose(),
);
const errorMessage = (body: unknown) =>
  body && typeof body === "object" && typeof (body as { message?: unknown }).message === "string"
    ? (body as { message: string }).message
    : undefined;

const MODELS: Model[] = [
  {
    id: "retell-agent",
    name: "Your Retell agent",
    description: "The account's own Retell agent (its LLM, voice and prompt); Switchboard passes the task as dynamic variables.",
  },
];

/** What Retell's call_status means for the event we would have got (get-call has no event name). */
const eventOf = (status: string | undefined): RetellEventName =>
  status === "ended" || status === "error" || status === "not_connected"
    ? "call_ended"
    : status === "ongoing"
      ? "call_started"
      : "transcript_updated";

/**
 * Retell as a phone provider: calls placed through the account's own Retell agent
 * (POST /v2/create-phone-call with from_number, to_number, override_agent_id, retell_llm_dynamic_variables,
 * metadata), read back with GET /v2/get-call/{id}. Status arrives on the account's Retell webhook
 * (/api/webhooks/retell), not on the per-provider route, so verifyWebhook refuses.
 */
export function createRetellTelephony(o: RetellTelephonyOptions): TelephonyPort {
  const http = createHttpClient({
    vendor: "Retell",
    baseUrl: o.baseUrl,
    headers: { authorization: `Bearer ${o.apiKey}` },
    timeoutMs: o.timeoutMs,
    maxRetries: o.maxRetries,
    errorMessage,
  });

  return {
    name: "retell",

    async placeCall(input) {
      // Not retried: a timed-out POST may have placed the call, and a second would ring twice.
      const strings = Object.fromEntries(Object.entries(input.metadata).filter(([, v]) => typeof v === "string"));
      const res = await http.json("POST", "/v2/create-phone-call", createCallResponse, {
        body: {
          from_number: o.fromNumber,
          to_number: input.phoneNumber,
          override_agent_id: o.agentId,
          // Dynamic variables are strings; the agent's prompt and begin message use {{task}} and {{first_sentence}}.
          retell_llm_dynamic_variables: {
            ...strings,
            task: input.task,
            first_sentence: input.firstSentence ?? "",
            max_duration_minutes: String(input.maxDurationMinutes),
          },
          metadata: { ...strings, [SWITCHBOARD_CALL_ID_KEY]: input.callId },
        },
      });
      return { providerCallId: res.call_id, status: "queued" };
    },

    async getCall(providerCallId): Promise<ProviderCall> {
      const call = await http.json("GET", `/v2/get-call/${encodeURIComponent(providerCallId)}`, retellWebhookCall, { idempotent: true });
      const u = updateOf(eventOf(call.call_status), call);
      return { ...u, providerCallId: call.call_id, transcript: u.transcript ?? [], recordingAvailable: false };
    },

    async stopCall() {
      throw new TelephonyError("Retell offers no API to end a phone call in progress; end it from the Retell dashboard.", {
        status: 400,
        retryable: false,
      });
    },

    async listVoices() {
      const list = await http.json("GET", "/list-voices", voices, { idempotent: true });
      return list.map((v) => ({ id: v.voice_id, name: v.voice_name ?? v.voice_id, language: v.accent ?? "", description: v.provider }));
    },

    async listModels() {
      return MODELS;
    },

    async getRecording() {
      // Retell serves its own recording_url (kept on the call); we do not proxy it.
      return null;
    },

    async verifyWebhook() {
      throw new TelephonyError("Retell webhooks go to /api/webhooks/retell?account=<id>.", { status: 404, retryable: false });
    },
  };
}
