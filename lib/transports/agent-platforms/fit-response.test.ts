import { describe, expect, it } from "vitest";
import { fitResponse, RETELL_RESPONSE_LIMIT } from "@/lib/transports/agent-platforms/fit-response";

describe("fitResponse (Retell reads at most 15,000 characters)", () => {
  it("leaves a small response as it is", () => {
    const body = { message: "Yes.", status: "answered" };
    expect(fitResponse(body)).toBe(body);
  });

  it("cuts the biggest list from its end and long strings, keeps message, and says so", () => {
    const calls = Array.from({ length: 200 }, (_, i) => ({ id: `call_${i}`, summary: "s".repeat(300) }));
    const body = { message: "Here are your calls.", calls, transcript: "t".repeat(40_000), nextCursor: "c" };
    const out = fitResponse(body);
    expect(JSON.stringify(out).length).toBeLessThanOrEqual(RETELL_RESPONSE_LIMIT);
    expect(out).toMatchObject({ message: "Here are your calls.", truncated: true, nextCursor: "c" });
    const kept = out.calls as Array<{ id: string }>;
    expect(kept.length).toBeGreaterThan(0);
    expect(kept[0]!.id).toBe("call_0"); // newest first: the newest are kept
    expect(body.calls).toHaveLength(200); // the original is not changed
  });
});
