import { describe, expect, it } from "vitest";
import { cursorParam, decodeCursor, encodeCursor } from "@/lib/platform/validation/cursor";

const id = "3f2b6c1e-8a4d-4e2f-9b1a-0c5d7e9f1a2b";

describe("page cursor", () => {
  it("round-trips and is URL-safe", () => {
    const s = encodeCursor({ t: "2026-11-21T09:30:00.123456Z", id });
    expect(s).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(s)).toEqual({ t: "2026-11-21T09:30:00.123456Z", id });
  });

  it("refuses what it did not make", () => {
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    for (const bad of [
      "",
      "not base64!",
      enc("x"),
      enc(null),
      enc({ t: "yesterday", id }),
      enc({ t: "2026-11-21T09:30:00Z", id: "1; drop" }),
      enc({ t: "+200000-01-01T00:00:00Z", id }),
      "A".repeat(300),
    ]) {
      expect(decodeCursor(bad), bad).toBeNull();
    }
  });

  it("as a schema field, names itself in the error", () => {
    const r = cursorParam().safeParse("nope");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/is not a cursor this API returned/);
  });
});
