import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/platform/errors";
import { getConfig } from "@/lib/platform/config/env";
import { dependencyBusy, dependencyUnavailable } from "@/lib/platform/resilience/dependency-error";
import { shedCounts } from "@/lib/platform/resilience/shed-counts";
import { toolFailure } from "@/lib/transports/tools/tool-result";

const textOf = (r: { content: Array<{ text: string }> } | null) => r?.content[0]?.text;

describe("tool errors: bad input is never reported as an outage", () => {
  it("a validation error is a tool error naming the field", () => {
    const r = toolFailure(new AppError("validation_failed", "question: must not contain NUL (\\u0000) characters"), "ask_human", "hitl");
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/^question: /);
    expect(r.structuredContent).toBeUndefined();
  });

  it("bad input only the database noticed is a tool error too, not the fallback sentence", () => {
    const pg = Object.assign(new Error("Failed query"), {
      cause: Object.assign(new Error("unsupported Unicode escape sequence"), { code: "22P05" }),
    });
    const r = toolFailure(pg, "ask_human", "hitl");
    expect(r.isError).toBe(true);
    expect(r.structuredContent).toBeUndefined();
  });

  it("only a genuine platform failure gets the unavailable fallback", () => {
    const r = toolFailure(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), "ask_human", "hitl");
    expect(r.isError).toBeUndefined();
    expect(r.structuredContent).toMatchObject({ status: "unavailable" });
    expect(textOf(toolFailure(new Error("boom"), "make_phone_call", "standard"))).toBe(
      "Switchboard could not complete this request right now; try again shortly.",
    );
  });

  it("load is not an outage: 'busy' says FALLBACK_BUSY and is counted apart from 'unreachable'", () => {
    const before = shedCounts();
    const busy = toolFailure(dependencyBusy("escalations"), "ask_human", "hitl");
    expect(busy.structuredContent).toEqual({ status: "busy", message: getConfig().FALLBACK_BUSY });
    const down = toolFailure(dependencyUnavailable("database"), "ask_human", "hitl");
    expect(down.structuredContent).toEqual({ status: "unavailable", message: getConfig().FALLBACK_UNREACHABLE });
    expect(shedCounts()).toEqual({ busy: before.busy + 1, unreachable: before.unreachable + 1 });
  });
});
