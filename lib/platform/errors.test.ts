import { describe, expect, it, vi } from "vitest";
import { AppError, inputErrorOf, isAppError } from "@/lib/platform/errors";
import { isTelephonyError, TelephonyError } from "@/lib/adapters/telephony/port";

/** A second copy of a module, as Next.js bundles one into each route chunk. */
async function freshCopy<T>(load: () => Promise<T>): Promise<T> {
  vi.resetModules();
  return load();
}

describe("errors are recognised by brand and code, not class identity", () => {
  it("an AppError from another copy of lib/platform/errors is still an AppError", async () => {
    const other = await freshCopy(() => import("@/lib/platform/errors"));
    const foreign = new other.AppError("validation_failed", "question: must not be empty");
    expect(foreign instanceof AppError).toBe(false); // what broke: instanceof across chunks
    expect(isAppError(foreign)).toBe(true);
    expect(isAppError(new Error("x"))).toBe(false);
    expect(isAppError({ code: "not_found", message: "duck" })).toBe(false);
  });

  it("a TelephonyError from another copy of the port is still a TelephonyError", async () => {
    const other = await freshCopy(() => import("@/lib/adapters/telephony/port"));
    const foreign = new other.TelephonyError("webhook signature does not verify", { status: 401, retryable: false });
    expect(foreign instanceof TelephonyError).toBe(false);
    expect(isTelephonyError(foreign)).toBe(true);
    expect(isTelephonyError(Object.assign(new Error("x"), { code: "ECONNREFUSED" }))).toBe(false);
  });
});

describe("inputErrorOf", () => {
  it("turns a database data exception (also wrapped, as Drizzle does) into a 400", () => {
    const pg = Object.assign(new Error("invalid byte sequence for encoding UTF8: 0x00"), { code: "22021" });
    expect(inputErrorOf(pg)?.status).toBe(400);
    expect(inputErrorOf(Object.assign(new Error("Failed query"), { cause: pg }))?.code).toBe("bad_request");
    expect(inputErrorOf(Object.assign(new Error("stack depth"), { code: "54001" }))?.status).toBe(400);
  });

  it("leaves platform failures alone", () => {
    expect(inputErrorOf(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }))).toBeNull();
    expect(inputErrorOf(Object.assign(new Error("deadlock"), { code: "40P01" }))).toBeNull();
    expect(inputErrorOf(new AppError("conflict", "x"))).toBeNull();
  });
});

describe("describeIssues", () => {
  it("names each field; a wrong type for the whole input is the body", async () => {
    const { z } = await import("zod");
    const { describeIssues } = await import("@/lib/platform/errors");
    const s = z.object({ question: z.string() });
    expect(describeIssues(s.safeParse({ question: 1 }).error!.issues)).toMatch(/^question: /);
    expect(describeIssues(s.safeParse([]).error!.issues)).toMatch(/^body: must be a JSON object/);
  });
});
