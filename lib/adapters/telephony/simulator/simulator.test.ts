import { describe, expect, it } from "vitest";
import { createSimulatorTelephony } from "./index";
import { simOutcome } from "./lifecycle";
import { recordingBytes } from "@/lib/adapters/telephony/port";
import { MAX_RECORDING_SECONDS, readWavHeader, simRecordingStream, simRecordingWav } from "./wav";

const input = (phoneNumber: string, extra: Partial<Parameters<ReturnType<typeof createSimulatorTelephony>["placeCall"]>[0]> = {}) => ({
  callId: "call_1",
  phoneNumber,
  task: "You are calling Luigi's to book a table for two at 7pm tonight under the name Ada.",
  voice: "maya",
  model: "base",
  maxDurationMinutes: 5,
  record: true,
  webhookUrl: "",
  metadata: {},
  ...extra,
});

describe("simulator (pure, with a controlled clock)", () => {
  it("maps number patterns to outcomes", () => {
    expect(simOutcome("+15550000000")).toBe("no_answer");
    expect(simOutcome("+15550001111")).toBe("busy");
    expect(simOutcome("+15550009999")).toBe("failed");
    expect(simOutcome("+15550007777")).toBe("max_duration");
    expect(simOutcome("+15551234567")).toBe("completed");
  });

  it("derives the whole lifecycle from the id and the clock, on any instance", async () => {
    let t = 1_700_000_000_000;
    const a = createSimulatorTelephony({ speed: 1, webhookSecret: "x".repeat(32), now: () => t });
    const b = createSimulatorTelephony({ speed: 50, webhookSecret: "x".repeat(32), now: () => t });
    const { providerCallId, status } = await a.placeCall(input("+15551234567"));
    expect(status).toBe("queued");
    const seen: string[] = [];
    for (let s = 0; s < 200; s += 0.5) {
      t = 1_700_000_000_000 + s * 1000;
      const call = await b.getCall(providerCallId); // another instance, another speed setting: same answer
      if (seen[seen.length - 1] !== call.status) seen.push(call.status);
    }
    expect(seen).toEqual(["queued", "ringing", "in_progress", "completed"]);
    const done = await b.getCall(providerCallId);
    expect(done.durationSeconds).toBeGreaterThanOrEqual(20);
    expect(done.transcript.map((x) => x.text).join(" ")).toContain("book a table for two");
    expect(done.summary).toContain("Luigi");
    const rec = await b.getRecording(providerCallId);
    expect(rec?.contentType).toBe("audio/wav");
    const bytes = await recordingBytes(rec!);
    expect(readWavHeader(bytes)).toMatchObject({ sampleRate: 8000, channels: 1, bitsPerSample: 16 });
    // A labelled 4-second placeholder (the admin page says so); the declared length is the real length.
    expect(readWavHeader(bytes)!.seconds).toBe(4);
    expect(bytes.byteLength).toBe(rec!.byteLength);
  });

  it("stop → canceled, and stopping a finished call changes nothing", async () => {
    let t = 1_700_000_000_000;
    const sim = createSimulatorTelephony({ speed: 1, webhookSecret: "x".repeat(32), now: () => t });
    const { providerCallId } = await sim.placeCall(input("+15551234567"));
    t += 10_000;
    await sim.stopCall(providerCallId);
    t += 500_000;
    expect((await sim.getCall(providerCallId)).status).toBe("canceled");
    const busy = await sim.placeCall(input("+15550001111"));
    t += 60_000;
    await sim.stopCall(busy.providerCallId);
    expect((await sim.getCall(busy.providerCallId)).status).toBe("busy");
  });

  it("the streamed recording is byte for byte the buffered one, and never longer than the longest call", async () => {
    const call = { c: "x", t: 0, n: "+15551234567", s: 1, d: 5, r: 1 as const, v: "v", k: "k" };
    const streamed = simRecordingStream(call, 41);
    const bytes = await recordingBytes({ contentType: "audio/wav", ...streamed });
    expect(Buffer.from(bytes).equals(Buffer.from(simRecordingWav(call, 41)))).toBe(true);
    expect(readWavHeader(bytes)!.seconds).toBe(41);
    expect(simRecordingStream(call, 10 * MAX_RECORDING_SECONDS).byteLength).toBe(44 + MAX_RECORDING_SECONDS * 8000 * 2);
  });
});
