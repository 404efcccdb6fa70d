import { describe, expect, it } from "vitest";
import { addDays, localParts, spokenClock, spokenDate, zonedInstant } from "@/lib/domains/golf/time";

describe("course-local time", () => {
  it("lays a local tee time onto the right instant, across DST", () => {
    expect(zonedInstant("2026-12-03", 9 * 60 + 10, "America/New_York").toISOString()).toBe("2026-12-03T14:10:00.000Z");
    expect(zonedInstant("2026-07-03", 9 * 60 + 10, "America/New_York").toISOString()).toBe("2026-07-03T13:10:00.000Z");
    expect(zonedInstant("2026-12-03", 7 * 60, "Europe/Dublin").toISOString()).toBe("2026-12-03T07:00:00.000Z");
    expect(zonedInstant("2026-12-03", 7 * 60, "Asia/Kolkata").toISOString()).toBe("2026-12-03T01:30:00.000Z");
  });

  it("reads an instant back as the course's date and clock", () => {
    expect(localParts(new Date("2026-12-04T02:30:00Z"), "America/Los_Angeles")).toEqual({
      date: "2026-12-03",
      minute: 18 * 60 + 30,
      hhmm: "18:30",
    });
  });

  it("speaks times and dates", () => {
    expect(spokenClock(9 * 60 + 10)).toBe("9:10 AM");
    expect(spokenClock(12 * 60)).toBe("12 PM");
    expect(spokenClock(0)).toBe("12 AM");
    expect(spokenDate("2026-12-03")).toBe("Thursday, December 3");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});
