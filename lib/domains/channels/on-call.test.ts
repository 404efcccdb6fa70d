import { describe, expect, it } from "vitest";
import { isOnCallAt, onCallHoursSchema } from "@/lib/domains/channels/on-call";

// 2026-12-07 is a Monday.
const at = (iso: string) => new Date(iso);

describe("on-call hours", () => {
  it("are read on the member's own clock", () => {
    const paris = { timeZone: "Europe/Paris", days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" };
    expect(isOnCallAt(paris, at("2026-12-07T08:30:00Z"))).toBe(true); // 09:30 in Paris
    expect(isOnCallAt(paris, at("2026-12-07T07:30:00Z"))).toBe(false); // 08:30 in Paris
    expect(isOnCallAt(paris, at("2026-12-07T16:00:00Z"))).toBe(false); // 17:00: the end is not included
    const newYork = { ...paris, timeZone: "America/New_York" };
    expect(isOnCallAt(newYork, at("2026-12-07T08:30:00Z"))).toBe(false); // 03:30 in New York
    expect(isOnCallAt(newYork, at("2026-12-07T15:00:00Z"))).toBe(true); // 10:00 in New York
  });

  it("a night shift belongs to the day it starts; start = end is the whole day; no hours is never", () => {
    const nights = { timeZone: "UTC", days: [5], start: "22:00", end: "06:00" }; // Friday night
    expect(isOnCallAt(nights, at("2026-12-11T23:00:00Z"))).toBe(true); // Friday 23:00
    expect(isOnCallAt(nights, at("2026-12-12T05:59:00Z"))).toBe(true); // Saturday 05:59
    expect(isOnCallAt(nights, at("2026-12-12T23:00:00Z"))).toBe(false); // Saturday night is not on
    expect(isOnCallAt(nights, at("2026-12-10T23:00:00Z"))).toBe(false); // nor Thursday night
    expect(isOnCallAt({ timeZone: "UTC", days: [1], start: "00:00", end: "00:00" }, at("2026-12-07T13:00:00Z"))).toBe(true);
    expect(isOnCallAt({ timeZone: "UTC", days: [1], start: "00:00", end: "00:00" }, at("2026-12-08T13:00:00Z"))).toBe(false);
    expect(isOnCallAt(null, at("2026-12-07T13:00:00Z"))).toBe(false);
  });

  it("the input names what is wrong", () => {
    const r = onCallHoursSchema.safeParse({ timeZone: "Mars/Olympus", days: [0], start: "9:00", end: "17:00" });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["timeZone", "days.0", "start"]));
  });
});
