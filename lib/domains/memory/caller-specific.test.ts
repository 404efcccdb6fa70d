import { describe, expect, it } from "vitest";
import { namesCallerSpecificData } from "@/lib/domains/memory/caller-specific";

describe("namesCallerSpecificData", () => {
  it("is false for questions everyone asks", () => {
    for (const q of [
      "Do you validate parking?",
      "Are you open on Sunday?",
      "Is the Elm Street branch wheelchair accessible?",
      "Do you take Visa?",
    ])
      expect(namesCallerSpecificData([q, "Yes, from 9 to 5."])).toBe(false);
  });
  it("is true for the caller's own booking, name, number, email or a booking code", () => {
    expect(namesCallerSpecificData(["Can I move my booking to 8?", "Done."])).toBe(true);
    expect(namesCallerSpecificData(["Is the table ready?", "Yes, booked under Smith."])).toBe(true);
    expect(namesCallerSpecificData(["Call me back", "We will call +1 415 555 0123."])).toBe(true);
    expect(namesCallerSpecificData(["Did you get my email?", "Yes, ana@example.com."])).toBe(true);
    expect(namesCallerSpecificData(["Is K7M2QX confirmed?", "Yes."])).toBe(true);
    expect(namesCallerSpecificData(["Is Ana's table ready?", "Yes, Ana, it is."], "Ana Lopez")).toBe(true);
  });
});
