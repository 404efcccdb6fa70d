import { describe, expect, it } from "vitest";
import { lateAnswerRoute } from "./late-answer";

const base = { followUp: null, followUpRefused: null, callbackUrl: null, callerInfo: null } as const;

describe("lateAnswerRoute: what the console promises about an answer sent after the agent gave up", () => {
  it("a phone follow-up with a valid number: the caller is phoned back", () => {
    const r = lateAnswerRoute({ ...base, followUp: "phone", callerInfo: { phone: "+1 415 555 0100" } });
    expect(r).toEqual({ reaches: true, text: expect.stringContaining("phones the caller back at +14155550100") });
  });

  it("a refused or numberless follow-up is no promise, and says why", () => {
    const refused = lateAnswerRoute({
      ...base,
      followUp: "phone",
      followUpRefused: "the key lacks calls:write",
      callerInfo: { phone: "+14155550100" },
    });
    expect(refused.reaches).toBe(false);
    expect(refused.text).toContain("No callback call: the key lacks calls:write");
    expect(lateAnswerRoute({ ...base, followUp: "phone", callerInfo: { phone: "call me" } }).text).toContain("not a valid phone number");
  });

  it("a callbackUrl: posted to the agent's system; nothing at all: only if the agent asks again", () => {
    expect(lateAnswerRoute({ ...base, callbackUrl: "https://agent.example/hook" })).toEqual({
      reaches: true,
      text: expect.stringContaining("signed callback"),
    });
    expect(lateAnswerRoute(base)).toEqual({
      reaches: false,
      text: expect.stringContaining("only if the agent asks again (get_human_answer)"),
    });
  });

  it("a Vapi call: spoken into the call while it lasts, before any callback", () => {
    const r = lateAnswerRoute({ ...base, source: "vapi", callId: "call_1" });
    expect(r).toEqual({ reaches: true, text: expect.stringContaining("spoken into it") });
    expect(lateAnswerRoute({ ...base, source: "retell", callId: "call_1" }).reaches).toBe(false);
  });
});
