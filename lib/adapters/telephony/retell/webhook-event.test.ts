import { describe, expect, it } from "vitest";
import { finalStatusOf, retellWebhookCall, statusOf, transcriptOf, updateOf } from "@/lib/adapters/telephony/retell/webhook-event";

const call = (extra: Record<string, unknown> = {}) => retellWebhookCall.parse({ call_id: "call_1", ...extra });

describe("Retell webhook → call update", () => {
  it("maps disconnection reasons to final outcomes", () => {
    expect(finalStatusOf("user_hangup")).toBe("completed");
    expect(finalStatusOf("voicemail_reached")).toBe("completed");
    expect(finalStatusOf("dial_no_answer")).toBe("no_answer");
    expect(finalStatusOf("dial_busy")).toBe("busy");
    expect(finalStatusOf("dial_failed")).toBe("failed");
    expect(finalStatusOf("error_llm_websocket_open")).toBe("failed");
    expect(finalStatusOf(undefined)).toBe("completed");
  });

  it("maps events and call_status", () => {
    expect(statusOf("call_started", call({ call_status: "ongoing" }))).toBe("in_progress");
    expect(statusOf("call_ended", call({ call_status: "ended", disconnection_reason: "dial_busy" }))).toBe("busy");
    expect(statusOf("transcript_updated", call({ call_status: "registered" }))).toBe("queued");
    expect(statusOf("transcript_updated", call({ call_status: "error" }))).toBe("failed");
  });

  it("times turns by their first word; falls back to the plain transcript; ignores malformed utterances", () => {
    expect(
      transcriptOf(
        call({
          transcript_object: [{ role: "agent", content: "Hi", words: [{ start: 1.5 }] }, { role: "user", content: "Hello" }, { nope: 1 }],
        }),
      ),
    ).toEqual([
      { speaker: "agent", text: "Hi", atSeconds: 1.5 },
      { speaker: "caller", text: "Hello", atSeconds: 0 },
    ]);
    expect(transcriptOf(call({ transcript: "Agent: Hi\nUser: Hello\nnoise" }))).toEqual([
      { speaker: "agent", text: "Hi", atSeconds: 0 },
      { speaker: "caller", text: "Hello", atSeconds: 0 },
    ]);
  });

  it("keeps a lenient shape: odd fields are dropped, times and summary carried", () => {
    const u = updateOf(
      "call_analyzed",
      call({
        start_timestamp: 1000,
        end_timestamp: 61_000,
        duration_ms: 60_400,
        recording_url: "not a url",
        call_analysis: { call_summary: "Booked." },
        metadata: "x",
      }),
    );
    expect(u).toMatchObject({
      status: "completed",
      durationSeconds: 60,
      summary: "Booked.",
      startedAt: new Date(1000),
      endedAt: new Date(61_000),
    });
    expect(retellWebhookCall.safeParse({ agent_id: "a" }).success).toBe(false);
  });
});
