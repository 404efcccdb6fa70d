import { describe, expect, it } from "vitest";
import { saveByDefault } from "./use-save-to-memory";

/** The "Save as a reusable answer" default, which also decides for a case answered from the queue by a digit. */
describe("saveByDefault", () => {
  it("follows the operator's habit for a general question answered with a choice's words", () => {
    const c = { question: "Is the terrace open for lunch?", callerInfo: null };
    expect(saveByDefault(true, c, "Yes, from noon")).toBe(true);
    expect(saveByDefault(false, c, "Yes, from noon")).toBe(false);
  });

  it("is off when the question or the picked answer names the caller's own data", () => {
    expect(saveByDefault(true, { question: "Can I move my booking to Friday?", callerInfo: null }, "Move it")).toBe(false);
    expect(saveByDefault(true, { question: "Refund the fee?", callerInfo: null }, "Refund to 415-555-0100")).toBe(false);
    expect(saveByDefault(true, { question: "Is Dana allowed in early?", callerInfo: { name: "Dana Reyes" } }, "Yes")).toBe(false);
  });
});
