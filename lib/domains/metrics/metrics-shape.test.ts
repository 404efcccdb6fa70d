import { describe, expect, it } from "vitest";
import { fillVolume, histogram, percentileBucket, volumeUnit } from "./metrics-shape";

const range = (hours: number) => ({
  from: new Date("2026-11-10T00:00:00Z"),
  to: new Date(Date.parse("2026-11-10T00:00:00Z") + hours * 3600_000),
});

describe("metrics shape", () => {
  it("hourly up to 48 h, daily beyond (the 7-day default gets 7 readable bars, not 168 slivers)", () => {
    expect(volumeUnit(range(24))).toBe("hour");
    expect(volumeUnit(range(48))).toBe("hour");
    expect(volumeUnit(range(49))).toBe("day");
    const week = fillVolume(range(24 * 7), "day", new Map([[Date.parse("2026-11-12T00:00:00Z") / 86400_000, 4]]));
    expect(week).toHaveLength(7);
    expect(week[2]).toEqual({ start: "2026-11-12T00:00:00.000Z", count: 4 });
  });

  it("a range that starts mid-day includes the partial first and last days", () => {
    const r = { from: new Date("2026-11-10T15:00:00Z"), to: new Date("2026-11-13T09:00:00Z") };
    expect(fillVolume(r, "day", new Map()).map((p) => p.start.slice(0, 10))).toEqual([
      "2026-11-10",
      "2026-11-11",
      "2026-11-12",
      "2026-11-13",
    ]);
  });

  it("the percentile marker lands in a bucket that has answers, even when an interpolated p50 would not", () => {
    // Two answers, 3 s and 40 s: an interpolated median (21.5 s) sits in the empty 20–30 s bucket.
    const b = histogram(
      new Map([
        [0, 1],
        [5, 1],
      ]),
    );
    expect(percentileBucket(b, 0.5)).toBe("0–5s");
    expect(percentileBucket(b, 0.95)).toBe("30–45s");
    expect(b.find((x) => x.label === percentileBucket(b, 0.5))!.count).toBeGreaterThan(0);
    expect(percentileBucket(histogram(new Map()), 0.5)).toBeNull();
  });
});
