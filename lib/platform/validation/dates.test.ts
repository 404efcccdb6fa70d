import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeIssues } from "@/lib/platform/errors";
import { isoDate, parseIsoDate } from "@/lib/platform/validation/dates";
import { queryInt } from "@/lib/platform/validation/numbers";

describe("parseIsoDate", () => {
  it("accepts ISO 8601 dates and date-times with or without an offset", () => {
    expect(parseIsoDate("2026-11-21")?.toISOString()).toBe("2026-11-21T00:00:00.000Z");
    expect(parseIsoDate("2026-11-21T09:30:00Z")?.toISOString()).toBe("2026-11-21T09:30:00.000Z");
    expect(parseIsoDate("2026-11-21T09:30:00.123456+02:00")?.toISOString()).toBe("2026-11-21T07:30:00.123Z");
  });

  it("refuses what JavaScript accepts but PostgreSQL does not: extended and negative years, year 0", () => {
    for (const v of ["+200000-01-01T00:00:00Z", "-000001-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "1969-12-31T23:00:00Z", "10000-01-01"])
      expect(parseIsoDate(v), v).toBeNull();
  });

  it("refuses non-dates", () => {
    for (const v of ["", "yesterday", "5", "2026-13-01", "2026-11-21T25:00:00Z", "2026-11-21\u0000"]) expect(parseIsoDate(v), v).toBeNull();
  });

  it("isoDate names the field", () => {
    const r = z.object({ from: isoDate() }).safeParse({ from: "+200000-01-01T00:00:00Z" });
    expect(r.success).toBe(false);
    expect(describeIssues(r.error!.issues)).toMatch(/^from: must be an ISO 8601 date/);
  });
});

describe("queryInt", () => {
  const s = z.object({ limit: queryInt({ min: 1, max: 200 }).optional() });
  it("coerces query strings to whole numbers in range, naming the field otherwise", () => {
    expect(s.parse({ limit: "20" }).limit).toBe(20);
    expect(s.parse({}).limit).toBeUndefined();
    for (const bad of ["1.5", "abc", "0", "201", "1e400", "9007199254740993", 1.5]) {
      const r = s.safeParse({ limit: bad });
      expect(r.success, String(bad)).toBe(false);
      expect(describeIssues(r.error!.issues)).toMatch(/^limit: must be/);
    }
  });
});
