import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogDestination } from "@/lib/platform/log";
import { parseConfig } from "@/lib/platform/config/env";
import { AppError } from "@/lib/platform/errors";
import { dependencyUnavailable } from "@/lib/platform/resilience/dependency-error";
import { functionFailure, functionSuccess } from "@/lib/transports/agent-platforms/function-result";

const config = parseConfig({ LOG_LEVEL: "silent" });
const logged: string[] = [];
beforeAll(() => setLogDestination({ write: (line: string) => void logged.push(line) } as never));
afterAll(() => setLogDestination(undefined));

describe("what a Retell agent reads after a tool call", () => {
  it("puts message first, and gives tools without one a sentence", () => {
    expect(Object.keys(functionSuccess("ask_human", { status: "answered", caseId: "c", answer: "Yes.", message: "Yes." }))[0]).toBe(
      "message",
    );
    const credits = functionSuccess("get_credits", { balance: 10 });
    expect(Object.keys(credits)).toEqual(["message", "balance"]);
    expect(credits.message).toMatch(/get_credits/);
  });

  it("an outage is the fallback sentence, never an error text (HITL: FALLBACK_UNREACHABLE)", () => {
    const down = dependencyUnavailable("database", new Error("ECONNREFUSED"));
    expect(functionFailure(down, "ask_human", "hitl", config)).toEqual({ message: config.FALLBACK_UNREACHABLE, status: "unavailable" });
    expect(functionFailure(new Error("boom"), "ask_human", "hitl", config)).toEqual({
      message: config.FALLBACK_UNREACHABLE,
      status: "unavailable",
    });
    expect(functionFailure(down, "get_credits", "standard", config).message).toMatch(/try again shortly/);
    expect(logged.join("")).toMatch(/retell function failed/); // the unexpected one is logged for us, not shown
  });

  it("a client mistake names the problem for the model, with a sentence to say", () => {
    const invalid = functionFailure(new AppError("validation_failed", "question: must not be empty"), "ask_human", "hitl", config);
    expect(invalid).toMatchObject({ status: "error", error: { code: "validation_failed", message: "question: must not be empty" } });
    expect(invalid.message).not.toMatch(/question:/);
    const credits = functionFailure(
      new AppError("conflict", "Not enough credits: 45 needed, 10 available."),
      "make_phone_call",
      "standard",
      config,
    );
    expect(credits).toMatchObject({
      message: "Not enough credits: 45 needed, 10 available.",
      status: "error",
      error: { code: "conflict" },
    });
  });
});
