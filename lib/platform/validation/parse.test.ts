import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isAppError } from "@/lib/platform/errors";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { isUuid } from "@/lib/platform/validation/uuid";

const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("did not throw");
};

describe("parseOrThrow", () => {
  const schema = z.object({ name: z.string().min(1, "required") });

  it("returns the parsed value", () => {
    expect(parseOrThrow(schema, { name: "Ana" })).toEqual({ name: "Ana" });
  });

  it("throws a 422 naming the bad field", () => {
    const e = thrown(() => parseOrThrow(schema, { name: "" }));
    expect(isAppError(e) && { code: e.code, status: e.status, message: e.message }).toEqual({
      code: "validation_failed",
      status: 422,
      message: "name: required",
    });
  });

  it("words the message as the caller asks", () => {
    const e = thrown(() =>
      parseOrThrow(z.string().min(8, "must be at least 8 characters"), "short", (issues) => `--password: ${issues[0]!.message}`),
    );
    expect(isAppError(e) && e.message).toBe("--password: must be at least 8 characters");
  });
});

describe("isUuid", () => {
  it("accepts a UUID in either case and nothing else", () => {
    expect(isUuid("3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e")).toBe(true);
    expect(isUuid("3F2B8C1E-4D5A-4B6C-8D7E-9F0A1B2C3D4E")).toBe(true);
    expect(isUuid("3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4")).toBe(false);
    expect(isUuid("3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e ")).toBe(false);
    expect(isUuid("' or 1=1 --")).toBe(false);
  });
});
