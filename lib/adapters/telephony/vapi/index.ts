import { z } from "zod";
import { createHttpClient } from "@/lib/adapters/telephony/http-client";
import { TelephonyError, type Model, type ProviderCall, type TelephonyPort } from "@/lib/adapters/telephony/port";
import { statusOf, transcriptOf, vapiCallObject } from "@/lib/adapters/telephony/vapi/call-report";

export type VapiTelephonyOptions = {
  /** The account's Vapi private API key (Authorization: Bearer). */
  apiKey: string;
  baseUrl: string;
  /** The account's Vapi assistant that makes the call. */
  assistantId: string;
  /** A Vapi phone number id (the number the call comes from). */
  phoneNumberId: string;
  timeoutMs: number;
  maxRetries: number;
};

/** The metadata key our calls carry, so Vapi's reports find the row we reserved (lib/domains/vapi/store-vapi-call.ts). */
export const SWITCHBOARD_CALL_ID_KEY = "switchboard_call_id";

const createCallResponse = z.object({ id: z.string().min(1), status: z.string().optional() }).loose();
const errorMessage = (body: unknown) => {
  const m = body && typeof body === "object" ? (body as { message?: unknown }).message : undefined;
  return typeof m === "string" ? m : Array.isArray(m) ? m.filter((x) => typeof x === "string").join("; ") : undefined;
};

const MODELS: Model[] = [
  {
    id: "vapi-assistant",
    name: "Your Vapi assistant",
    description: "The account's own Vapi assistant (its model, voice and prompt); Switchboard passes the task as variable values.",
  },
];

/**
 * Vapi as a phone provider: calls placed through the account's own assistant (POST /call with assistantId,
 * phoneNumberId, customer.number, assistantOverrides.firstMessage and variableValues, metadata), read back
 * with GET /call/{id}. Status arrives on the account's server URL (/api/webhooks/vapi), not on the
 * per-provider route, so verifyWebhook refuses.
 */
export function createVapiTelephony(o: VapiTelephonyOptions): TelephonyPort {
  const http = createHttpClient({
    vendor: "Vapi",
    baseUrl: o.baseUrl,
    headers: { authorization: `Bearer ${o.apiKey}` },
    timeoutMs: o.timeoutMs,
    maxRetries: o.maxRetries,
    errorMessage,
  });

  return {
    name: "vapi",

    async placeCall(input) {
      // Not retried: a timed-out POST may have placed the call, and a second would ring twice.
      const strings = Object.fromEntries(Object.entries(input.metadata).filter(([, v]) => typeof v === "string"));
      const res = await http.json("POST", "/call", createCallResponse, {
        body: {
          assistantId: o.assistantId,
          phoneNumberId: o.phoneNumberId,
          customer: { number: input.phoneNumber },
          assistantOverrides: {
            ...(input.firstSentence ? { firstMessage: input.firstSentence } : {}),
            // The assistant's prompt uses {{task}}; Vapi fills variables from variableValues.
            variableValues: { ...strings, task: input.task, max_duration_minutes: String(input.maxDurationMinutes) },
          },
          metadata: { ...strings, [SWITCHBOARD_CALL_ID_KEY]: input.callId },
        },
      });
      return { providerCallId: res.id, status: "queued" };
    },

    async getCall(providerCallId): Promise<ProviderCall> {
      const call = await http.json("GET", `/call/${encodeURIComponent(providerCallId)}`, vapiCallObject, { idempotent: true });
      const artifact = (call.artifact ?? {}) as { messages?: unknown[]; transcript?: string };
      const status = statusOf({ type: "get-call", status: call.status, endedReason: call.endedReason }, call);
      const at = (v?: string) => (v ? new Date(v) : undefined);
      return {
        providerCallId: call.id,
        status,
        startedAt: at(call.startedAt),
        endedAt: at(call.endedAt),
        endReason: call.endedReason,
        transcript: transcriptOf(Array.isArray(artifact.messages) ? artifact.messages : undefined, artifact.transcript) ?? [],
        recordingAvailable: false,
      };
    },

    async stopCall(providerCallId) {
      // Vapi ends a live call through its control URL ({type: "end-call"}); from the API, only by deleting it.
      throw new TelephonyError(`Vapi call ${providerCallId.slice(0, 40)} cannot be ended from here; end it from the Vapi dashboard.`, {
        status: 400,
        retryable: false,
      });
    },

    async listVoices() {
      return [{ id: "vapi-assistant", name: "Your Vapi assistant's voice", language: "" }];
    },

    async listModels() {
      return MODELS;
    },

    async getRecording() {
      // Vapi serves its own recording link (kept on the call); we do not proxy it.
      return null;
    },

    async verifyWebhook() {
      throw new TelephonyError("Vapi server messages go to /api/webhooks/vapi?account=<id>.", { status: 404, retryable: false });
    },
  };
}
