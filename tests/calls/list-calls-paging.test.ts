import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCredits } from "@/lib/domains/credits/account-credits";
import { makePhoneCall } from "@/lib/domains/calls/make-phone-call";
import { listCalls } from "@/lib/domains/calls/list-calls";
import { calls } from "@/lib/adapters/db/schema";
import { expectAppError } from "@/tests/hitl/helpers";
import { createCallsTenant, createCallsTestDeps, type CallsTestDeps } from "./helpers";

describe("listCalls: cursor pages", () => {
  let deps: CallsTestDeps;
  let t: Awaited<ReturnType<typeof createCallsTenant>>;
  let expected: string[];
  beforeAll(async () => {
    deps = await createCallsTestDeps();
    t = await createCallsTenant(deps.db, "Paging");
    await addCredits(deps, t.admin, { amount: 100, reason: "test" });
    // Two calls share a timestamp and three more sit within the same millisecond: a cursor that kept only
    // milliseconds, or ordered by time alone, would skip or repeat some of them at a page boundary.
    const at = [
      "2026-11-21T09:30:00.123999Z",
      "2026-11-21T09:30:00.123456Z",
      "2026-11-21T09:30:00.123456Z",
      "2026-11-21T09:30:00.123100Z",
      "2026-11-21T09:30:00.122000Z",
    ];
    const made: { id: string; at: string }[] = [];
    for (const ts of at) {
      const c = await makePhoneCall(deps, t.caller, { phoneNumber: "+14155550123", task: "Paging test", maxDurationMinutes: 1 });
      await deps.db
        .update(calls)
        .set({ createdAt: sql`${ts}::timestamptz` })
        .where(eq(calls.id, c.id));
      made.push({ id: c.id, at: ts });
    }
    expected = made.sort((x, y) => (x.at === y.at ? (x.id < y.id ? 1 : -1) : x.at < y.at ? 1 : -1)).map((c) => c.id);
  });
  afterAll(async () => {
    await deps?.close();
  });

  it("walks every call exactly once, newest first, ties broken by id", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const page = await listCalls(deps, t.reader, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.calls.map((c) => c.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(expected);
  });

  it("a cursor it did not hand out is a validation error naming cursor", async () => {
    await expectAppError(listCalls(deps, t.reader, { cursor: "garbage!" }), "validation_failed", /^cursor: /);
    await expectAppError(
      listCalls(deps, t.reader, { cursor: Buffer.from(JSON.stringify({ t: "2026-11-21T09:30:00Z", id: "x" })).toString("base64url") }),
      "validation_failed",
      /^cursor: /,
    );
  });
});
