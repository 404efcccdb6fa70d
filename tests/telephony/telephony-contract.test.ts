import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBlandTelephony } from "@/lib/adapters/telephony/bland";
import {
  TelephonyError,
  isFinalCallStatus,
  type PlaceCallInput,
  type ProviderCall,
  type TelephonyPort,
} from "@/lib/adapters/telephony/port";
import { createSimulatorTelephony } from "@/lib/adapters/telephony/simulator";
import { readWavHeader } from "@/lib/adapters/telephony/simulator/wav";
import { recordingBytes } from "@/lib/adapters/telephony/port";
import { startBlandStandin, type BlandStandin } from "../support/bland-standin";

/** Receives webhooks exactly as sent (raw body + headers), like our route will. */
type Delivery = { body: string; headers: Headers };
async function startReceiver() {
  const deliveries: Delivery[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    deliveries.push({ body: Buffer.concat(chunks).toString("utf8"), headers });
    res.writeHead(200).end("ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    deliveries,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const until = async <T>(fn: () => Promise<T | undefined>, ms = 8000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
};

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let standin: BlandStandin;
const SIM_SECRET = "sim-secret-0123456789abcdef";

beforeAll(async () => {
  receiver = await startReceiver();
  standin = await startBlandStandin({ stepMs: 60 });
});
afterAll(async () => {
  await standin.close();
  await receiver.close();
});

const adapters: Array<[string, () => TelephonyPort]> = [
  ["simulator", () => createSimulatorTelephony({ speed: 400, webhookSecret: SIM_SECRET })],
  [
    "bland",
    () =>
      createBlandTelephony({
        apiKey: standin.apiKey,
        baseUrl: standin.url,
        webhookSecret: standin.webhookSecret,
        timeoutMs: 2000,
        maxRetries: 2,
      }),
  ],
];

describe.each(adapters)("telephony contract: %s", (_name, make) => {
  let port: TelephonyPort;
  beforeAll(() => void (port = make()));
  afterAll(async () => port.close?.());

  const input = (phoneNumber: string, extra: Partial<PlaceCallInput> = {}): PlaceCallInput => ({
    callId: `call_${Math.random().toString(36).slice(2)}`,
    phoneNumber,
    task: "You are calling Luigi's to book a table for two at 7pm tonight under the name Ada.",
    firstSentence: "Hi, I'd like to make a reservation.",
    voice: "maya",
    model: "base",
    maxDurationMinutes: 2,
    record: true,
    webhookUrl: receiver.url,
    metadata: { purpose: "contract" },
    ...extra,
  });
  const final = (id: string) =>
    until(async () => {
      const c = await port.getCall(id);
      return isFinalCallStatus(c.status) ? c : undefined;
    });

  it("places a call that progresses to completed with a transcript, duration and a real recording", async () => {
    const placed = await port.placeCall(input("+15551234567"));
    expect(placed.status).toBe("queued");
    const seen = new Set<string>();
    const done: ProviderCall = await until(async () => {
      const c = await port.getCall(placed.providerCallId);
      seen.add(c.status);
      return isFinalCallStatus(c.status) ? c : undefined;
    });
    expect(done.status).toBe("completed");
    expect(seen.has("in_progress") || seen.has("queued")).toBe(true);
    expect(done.durationSeconds).toBeGreaterThan(0);
    expect(done.answeredAt).toBeInstanceOf(Date);
    expect(done.transcript.length).toBeGreaterThan(2);
    expect(done.transcript.some((t) => t.speaker === "agent" && t.text.includes("table for two"))).toBe(true);
    expect(done.summary).toBeTruthy();
    expect(done.recordingAvailable).toBe(true);
    const rec = await port.getRecording(placed.providerCallId);
    expect(rec?.contentType).toContain("audio/wav");
    const wav = readWavHeader(await recordingBytes(rec!));
    expect(wav?.seconds).toBeGreaterThan(0.5);
  });

  it.each([
    ["+15550000000", "no_answer"],
    ["+15550001111", "busy"],
    ["+15550009999", "failed"],
  ])("number %s ends %s, without a recording", async (number, expected) => {
    const placed = await port.placeCall(input(number));
    const done = await final(placed.providerCallId);
    expect(done.status).toBe(expected);
    expect(await port.getRecording(placed.providerCallId)).toBeNull();
  });

  it("stop → canceled; stopping again changes nothing", async () => {
    const placed = await port.placeCall(input("+15557654321", { maxDurationMinutes: 30 }));
    await port.stopCall(placed.providerCallId);
    expect((await port.getCall(placed.providerCallId)).status).toBe("canceled");
    await port.stopCall(placed.providerCallId);
    await new Promise((r) => setTimeout(r, 400));
    expect((await port.getCall(placed.providerCallId)).status).toBe("canceled");
  });

  it("lists voices and models", async () => {
    const voices = await port.listVoices();
    expect(voices.length).toBeGreaterThan(1);
    expect(voices.map((v) => v.id)).toContain("maya");
    for (const v of voices) expect(v.language).toMatch(/^[a-z]{2}/);
    const models = await port.listModels();
    expect(models.map((m) => m.id)).toContain("base");
  });

  it("refuses an invalid number with a non-retryable 400", async () => {
    const err = await port.placeCall(input("555-1234")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TelephonyError);
    expect((err as TelephonyError).opts).toMatchObject({ status: 400, retryable: false });
    expect((err as Error).message).toMatch(/phone_number/);
  });

  it("delivers a signed webhook that verifies; wrong, missing or tampered signatures are refused", async () => {
    const placed = await port.placeCall(input("+15550001111"));
    const delivery = await until(async () =>
      receiver.deliveries.find((d) => d.body.includes(placed.providerCallId) && /"busy"|busy/.test(d.body) && isFinalBody(d.body)),
    );
    const event = await port.verifyWebhook(delivery.body, delivery.headers);
    expect(event).toMatchObject({ providerCallId: placed.providerCallId, status: "busy" });
    expect(event.eventId).toBeTruthy();
    expect(event.callId).toMatch(/^call_/);
    // same body again → same event id, so the receiver can tell it is a replay
    expect((await port.verifyWebhook(delivery.body, delivery.headers)).eventId).toBe(event.eventId);

    const refuse = async (body: string, headers: Headers) => {
      const e = await port.verifyWebhook(body, headers).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(TelephonyError);
      expect((e as TelephonyError).opts.status).toBe(401);
    };
    await refuse(delivery.body.replace("busy", "completed"), delivery.headers);
    await refuse(delivery.body, new Headers({ "x-webhook-signature": "0".repeat(64) }));
    await refuse(delivery.body, new Headers());
    await refuse(delivery.body, new Headers({ "x-webhook-signature": "not-hex" }));
  });
});

const isFinalBody = (body: string) => {
  const j = JSON.parse(body) as { status?: string; completed?: boolean };
  return j.completed === true || (j.status !== undefined && ["busy", "completed", "no_answer", "failed", "canceled"].includes(j.status));
};

describe("bland adapter over the wire", () => {
  const bland = () =>
    createBlandTelephony({
      apiKey: standin.apiKey,
      baseUrl: standin.url,
      webhookSecret: standin.webhookSecret,
      timeoutMs: 2000,
      maxRetries: 2,
    });
  const body = {
    callId: "call_x",
    phoneNumber: "+15551234567",
    task: "Ask about opening hours.",
    voice: "josh",
    model: "turbo",
    maxDurationMinutes: 3,
    record: false,
    webhookUrl: "https://example.com/api/webhooks/bland",
    metadata: { account: "a1" },
    language: "en-US",
  };

  it("sends the documented request shape with the key in `authorization`", async () => {
    const before = standin.requests.length;
    await bland().placeCall(body);
    const req = standin.requests.slice(before).find((r) => r.method === "POST" && r.path === "/v1/calls")!;
    expect(req.authorization).toBe(standin.apiKey);
    expect(req.body).toEqual({
      phone_number: "+15551234567",
      task: "Ask about opening hours.",
      voice: "josh",
      model: "turbo",
      language: "en-US",
      max_duration: 3,
      record: false,
      webhook: "https://example.com/api/webhooks/bland",
      metadata: { account: "a1", call_id: "call_x" },
    });
  });

  it("a bad key is a non-retryable 401", async () => {
    const port = createBlandTelephony({
      apiKey: "wrong",
      baseUrl: standin.url,
      webhookSecret: standin.webhookSecret,
      timeoutMs: 2000,
      maxRetries: 2,
    });
    const e = (await port.listVoices().catch((x: unknown) => x)) as TelephonyError;
    expect(e.opts).toMatchObject({ status: 401, retryable: false });
    expect(e.message).not.toContain(standin.apiKey);
  });

  it("a missing task is a 400 naming the field, not retried", async () => {
    const before = standin.requests.length;
    const e = (await bland()
      .placeCall({ ...body, task: "" })
      .catch((x: unknown) => x)) as TelephonyError;
    expect(e.opts).toMatchObject({ status: 400, retryable: false });
    expect(e.message).toMatch(/task/);
    expect(standin.requests.length - before).toBe(1);
  });

  it("GET retries 429/5xx with backoff honouring Retry-After, then succeeds", async () => {
    standin.failNext(2, 429, 0);
    const before = standin.requests.length;
    expect((await bland().listVoices()).length).toBeGreaterThan(0);
    expect(standin.requests.slice(before).map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it("POST /v1/calls is never retried; a 429 comes back retryable with retryAfterMs", async () => {
    standin.failNext(1, 429, 7);
    const before = standin.requests.length;
    const e = (await bland()
      .placeCall(body)
      .catch((x: unknown) => x)) as TelephonyError;
    expect(e.opts).toMatchObject({ status: 429, retryable: true, retryAfterMs: 7000 });
    expect(standin.requests.length - before).toBe(1);
  });

  it("persistent 500s give up after maxRetries with a retryable error", async () => {
    standin.failNext(10, 500);
    const before = standin.requests.length;
    const e = (await bland()
      .getCall("anything")
      .catch((x: unknown) => x)) as TelephonyError;
    expect(e.opts).toMatchObject({ status: 500, retryable: true });
    expect(standin.requests.length - before).toBe(3);
    standin.failNext(0, 500);
  });

  it("an unknown call is a non-retryable 404", async () => {
    const e = (await bland()
      .getCall("no-such-call")
      .catch((x: unknown) => x)) as TelephonyError;
    expect(e.opts).toMatchObject({ status: 404, retryable: false });
  });
});
