import {
  TelephonyError,
  isFinalCallStatus,
  type PlaceCallInput,
  type ProviderEvent,
  type TelephonyPort,
} from "@/lib/adapters/telephony/port";
import { parseSignedWebhook } from "@/lib/adapters/telephony/signature";
import { SIM_MODELS, SIM_VOICES } from "./catalog";
import { decodeSimCallId, encodeSimCallId, type SimCall } from "./call-id";
import { simCallAt, simTimeline } from "./lifecycle";
import { taskExcerpt } from "./transcript";
import { simRecordingWav } from "./wav";

export const PLACEHOLDER_SECONDS = 4;
import { fromSimEvent, simEventSchema, toSimEvent } from "./webhook-payload";
import { deliverWebhook } from "./webhook-sender";

export type SimulatorOptions = {
  /** Simulated seconds per real second (TELEPHONY_SIM_SPEED): 1 is real time, 100 finishes a call in under a second. */
  speed: number;
  /** The signing secret, or where to get it (read once, on first use; retried if that fails). */
  webhookSecret: string | (() => Promise<string>);
  /** Send status events to each call's webhookUrl (default true). */
  webhooks?: boolean;
  now?: () => number;
};

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * The embedded telephony provider. Stateless by design: the providerCallId carries the call's inputs and
 * placement time, so any instance derives its state from the clock. Only two things are per process: the
 * best-effort webhook timers of calls placed here, and calls stopped here (a stop on another instance is
 * not seen by this one; the calls domain keeps `canceled` final regardless).
 */
export function createSimulatorTelephony(opts: SimulatorOptions): TelephonyPort {
  const now = opts.now ?? Date.now;
  const timers = new Map<string, { handles: NodeJS.Timeout[]; input: PlaceCallInput }>();
  const canceled = new Map<string, number>();
  let secretPromise: Promise<string> | undefined;
  const source = opts.webhookSecret;
  const secret = (): Promise<string> => {
    if (typeof source === "string") return Promise.resolve(source);
    secretPromise ??= source().catch((e: unknown) => {
      secretPromise = undefined;
      throw e;
    });
    return secretPromise;
  };

  const send = (id: string, sim: SimCall, input: PlaceCallInput, atMs: number) => {
    const call = simCallAt(sim, id, atMs, canceled.get(id));
    const body = JSON.stringify(toSimEvent(call, sim.c, input.metadata, new Date(atMs)));
    if (isFinalCallStatus(call.status)) timers.delete(id);
    void secret().then(
      (key) => deliverWebhook({ url: input.webhookUrl, secret: key, body }),
      () => undefined, // no secret, no event: the reconciliation job still reads the call's state
    );
  };

  const schedule = (id: string, sim: SimCall, input: PlaceCallInput) => {
    const handles = simTimeline(sim).map((step) => {
      const atMs = sim.t + (step.at * 1000) / sim.s;
      const h = setTimeout(() => send(id, sim, input, atMs), Math.max(0, atMs - now()));
      h.unref?.();
      return h;
    });
    timers.set(id, { handles, input });
  };

  return {
    name: "simulator",

    async placeCall(input) {
      if (!E164.test(input.phoneNumber))
        throw new TelephonyError("phone_number: must be an E.164 number such as +15551234567", { status: 400, retryable: false });
      if (!input.task.trim()) throw new TelephonyError("task: must not be empty", { status: 400, retryable: false });
      const sim: SimCall = {
        c: input.callId,
        t: now(),
        n: input.phoneNumber,
        s: opts.speed,
        d: input.maxDurationMinutes,
        r: input.record ? 1 : 0,
        v: input.voice,
        k: taskExcerpt(input.task),
        f: input.firstSentence ? taskExcerpt(input.firstSentence, 200) : undefined,
      };
      const providerCallId = encodeSimCallId(sim);
      if (opts.webhooks !== false && input.webhookUrl) schedule(providerCallId, sim, input);
      return { providerCallId, status: "queued" };
    },

    async getCall(providerCallId) {
      return simCallAt(decodeSimCallId(providerCallId), providerCallId, now(), canceled.get(providerCallId));
    },

    async stopCall(providerCallId) {
      const sim = decodeSimCallId(providerCallId);
      const at = now();
      // Stopping a call that already ended changes nothing (Bland answers the same way).
      if (isFinalCallStatus(simCallAt(sim, providerCallId, at, canceled.get(providerCallId)).status)) return;
      canceled.set(providerCallId, at);
      const pending = timers.get(providerCallId);
      if (pending) {
        pending.handles.forEach(clearTimeout);
        send(providerCallId, sim, pending.input, at);
      }
    },

    async listVoices() {
      return SIM_VOICES;
    },

    async listModels() {
      return SIM_MODELS;
    },

    async getRecording(providerCallId) {
      const sim = decodeSimCallId(providerCallId);
      const call = simCallAt(sim, providerCallId, now(), canceled.get(providerCallId));
      if (!call.recordingAvailable) return null;
      // A fixed 4-second placeholder of tones (the admin page labels it so). A call-length recording
      // (simRecordingStream) did not load in the browser's audio element in the admin-calls spec; see wav.ts.
      const body = simRecordingWav(sim, PLACEHOLDER_SECONDS);
      return { contentType: "audio/wav", byteLength: body.byteLength, body };
    },

    async verifyWebhook(rawBody, headers): Promise<ProviderEvent> {
      return fromSimEvent(
        parseSignedWebhook({ secret: await secret(), rawBody, headers, schema: simEventSchema, what: "a simulator event" }),
      );
    },

    async close() {
      for (const { handles } of timers.values()) handles.forEach(clearTimeout);
      timers.clear();
    },
  };
}
