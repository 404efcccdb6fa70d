import { describe, expect, it } from "vitest";
import { filterQuery, readCallsFilter, toListInput } from "@/lib/domains/calls/calls-filter";
import { listCallsSchema } from "@/lib/domains/calls/schemas";

describe("admin calls filter", () => {
  it("reads the query string, dropping unknown statuses", () => {
    expect(readCallsFilter({ status: "completed", number: " +14155550123 ", from: "2026-11-01" })).toEqual({
      status: "completed",
      from: "2026-11-01",
      to: "",
      number: "+14155550123",
      cursor: "",
    });
    expect(readCallsFilter({ status: "<script>", number: ["a", "b"] }).status).toBe("");
  });

  it("a 'to' day includes the whole day; the result passes the calls domain's own schema", () => {
    const input = toListInput({ status: "failed", from: "2026-11-01", to: "2026-11-02", number: "+14155550123", cursor: "" });
    const parsed = listCallsSchema.parse(input);
    expect(parsed.from?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(parsed.to?.toISOString()).toBe("2026-11-03T00:00:00.000Z");
    expect(parsed.status).toEqual(["failed"]);
    expect(parsed.phoneNumber).toBe("+14155550123");
  });

  it("a bad number is left for the domain to refuse, naming the field", () => {
    const r = listCallsSchema.safeParse(toListInput({ status: "", from: "", to: "", number: "555-0123", cursor: "" }));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["phoneNumber"]);
  });

  it("an impossible or out-of-range day does not throw here; the domain refuses it by name", () => {
    for (const to of ["2026-13-45", "+200000-01-01"]) {
      const input = toListInput({ status: "", from: "", to, number: "", cursor: "" });
      const r = listCallsSchema.safeParse(input);
      expect(r.success, to).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(["to"]);
    }
  });

  it("pagination links keep the filters", () => {
    const f = { status: "completed", from: "", to: "", number: "+14155550123", cursor: "abc" };
    expect(filterQuery(f)).toBe("?status=completed&number=%2B14155550123");
    expect(filterQuery(f, "next")).toBe("?status=completed&number=%2B14155550123&cursor=next");
    expect(filterQuery({ status: "", from: "", to: "", number: "", cursor: "" })).toBe("");
  });
});
