import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/platform/config/env";
import type { CaseRow } from "@/lib/adapters/db/schema";
import type { Deps } from "@/lib/platform/deps";
import { resultFromCase } from "@/lib/domains/hitl/ask-human";

const config = parseConfig({
  FALLBACK_UNAVAILABLE: "Nobody is free.",
  FALLBACK_TIMEOUT: "Still checking.",
  FALLBACK_CANCELLED: "Withdrawn.",
});
const deps = { config } as Deps;
const row = (status: CaseRow["status"], answer: string | null = null) =>
  ({ id: "11111111-1111-4111-8111-111111111111", status, answer }) as CaseRow;
const id = "11111111-1111-4111-8111-111111111111";

describe("resultFromCase", () => {
  it("answered: the answer, also as the sentence to say", () => {
    expect(resultFromCase(deps, row("answered", "We open at nine."))).toEqual({
      status: "answered",
      caseId: id,
      answer: "We open at nine.",
      message: "We open at nine.",
    });
  });

  it.each([
    ["open", {}, { status: "pending", message: "Still checking." }],
    ["claimed", {}, { status: "pending", message: "Still checking." }],
    ["open", { nobodyOnline: true }, { status: "unavailable", message: "Nobody is free." }],
    ["claimed", { nobodyOnline: true }, { status: "unavailable", message: "Nobody is free." }],
    ["expired", {}, { status: "unavailable", message: "Nobody is free." }],
    ["cancelled", {}, { status: "cancelled", message: "Withdrawn." }],
    ["cancelled", { nobodyOnline: true }, { status: "cancelled", message: "Withdrawn." }],
  ] as const)("%s %j → %j, with no answer", (status, opts, expected) => {
    const r = resultFromCase(deps, row(status), opts);
    expect(r).toEqual({ ...expected, caseId: id });
    expect("answer" in r).toBe(false);
  });

  it("an answered case stays answered even if nobody is online now", () => {
    expect(resultFromCase(deps, row("answered", "Yes."), { nobodyOnline: true }).status).toBe("answered");
  });

  it("uses the configured default sentences", () => {
    const d = { config: parseConfig({}) } as Deps;
    expect(resultFromCase(d, row("open")).message).toBe(d.config.FALLBACK_TIMEOUT);
    expect(resultFromCase(d, row("expired")).message).toBe(d.config.FALLBACK_UNAVAILABLE);
  });
});
