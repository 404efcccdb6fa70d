import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { queryRows } from "@/lib/adapters/db/client";
import { calls, creditAccounts } from "@/lib/adapters/db/schema";
import { addCredits, getCredits } from "@/lib/domains/credits/account-credits";
import { makePhoneCall } from "@/lib/domains/calls/make-phone-call";
import { applyCallUpdate } from "@/lib/domains/calls/apply-call-update";
import { billedMinutes, callCost } from "@/lib/domains/credits/ledger";
import { expectAppError } from "@/tests/hitl/helpers";
import { createCallsTenant, createCallsTestDeps, type CallsTestDeps } from "./helpers";

const call = (n = 1) => ({
  phoneNumber: `+1415555${String(1000 + n).padStart(4, "0")}`,
  task: "Confirm the delivery window for order 42.",
});

describe("credits", () => {
  let deps: CallsTestDeps;
  beforeAll(async () => {
    deps = await createCallsTestDeps(); // rate 10/min, default max 2 min → hold 20
  });
  afterAll(async () => {
    await deps?.close();
  });

  it("billed minutes round up; cost = minutes × rate", () => {
    expect([0, 1, 60, 61, 119, 120, 121].map(billedMinutes)).toEqual([0, 1, 1, 2, 2, 2, 3]);
    expect(callCost(61, 9)).toBe(18);
  });

  it("add_credits needs the admin scope and records who and why", async () => {
    const t = await createCallsTenant(deps.db);
    await expectAppError(addCredits(deps, t.caller, { amount: 100, reason: "x" }), "forbidden", /admin/);
    await expectAppError(addCredits(deps, t.admin, { amount: 100, reason: "" }), "validation_failed", /reason/);
    const c = await addCredits(deps, t.admin, { amount: 100, reason: "invoice 7" });
    expect(c).toMatchObject({ balance: 100, held: 0, available: 100 });
    expect(c.ledger[0]).toMatchObject({
      kind: "grant",
      amount: 100,
      reason: "invoice 7",
      actor: { type: "api_key", id: t.admin.kind === "api_key" ? t.admin.keyId : "" },
    });
    await expectAppError(addCredits(deps, t.admin, { amount: -101, reason: "too much" }), "conflict", /only 100/);
  });

  it("hold on start, settle billed minutes × rate on completion, release the rest", async () => {
    const t = await createCallsTenant(deps.db);
    await addCredits(deps, t.admin, { amount: 100, reason: "test" });
    const c = await makePhoneCall(deps, t.caller, { ...call(), maxDurationMinutes: 5 });
    expect(c.heldCredits).toBe(50);
    expect(await getCredits(deps, t.reader)).toMatchObject({ balance: 100, held: 50, available: 50 });
    await applyCallUpdate(deps, { callId: c.id, update: { status: "completed", durationSeconds: 61 }, eventId: "e-settle-1" });
    const after = await getCredits(deps, t.reader);
    expect(after).toMatchObject({ balance: 80, held: 0, available: 80 });
    expect(after.ledger.map((e) => [e.kind, e.amount, e.heldDelta])).toEqual([
      ["settle", -20, -50],
      ["hold", 0, 50],
      ["grant", 100, 0],
    ]);
    const [row] = await deps.db.select().from(calls).where(eq(calls.id, c.id));
    expect(row!.cost).toBe(20);
  });

  it.each(["failed", "no_answer", "busy", "canceled"] as const)("a %s call releases its whole hold", async (status) => {
    const t = await createCallsTenant(deps.db);
    await addCredits(deps, t.admin, { amount: 40, reason: "test" });
    const c = await makePhoneCall(deps, t.caller, call());
    await applyCallUpdate(deps, { callId: c.id, update: { status, durationSeconds: 30 } });
    const after = await getCredits(deps, t.reader);
    expect(after).toMatchObject({ balance: 40, held: 0, available: 40 });
    expect(after.ledger[0]).toMatchObject({ kind: "release", amount: 0, heldDelta: -20 });
  });

  it("insufficient credits: refused with a clear message and nothing written", async () => {
    const t = await createCallsTenant(deps.db);
    await addCredits(deps, t.admin, { amount: 19, reason: "almost enough" });
    await expectAppError(makePhoneCall(deps, t.caller, call()), "conflict", /Insufficient credits.*20 credits.*19 are available/);
    expect(await deps.db.select().from(calls).where(eq(calls.accountId, t.account.id))).toHaveLength(0);
    expect((await getCredits(deps, t.reader)).ledger).toHaveLength(1);
  });

  it("50 concurrent make_phone_call with credits for exactly 10: exactly 10 placed, balance never negative", async () => {
    const t = await createCallsTenant(deps.db);
    await addCredits(deps, t.admin, { amount: 200, reason: "ten calls" }); // 10 × hold 20
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => makePhoneCall(deps, t.caller, call(i))));
    const placed = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(placed).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) expect(String(r.reason.message)).toMatch(/Insufficient credits/);
    expect(await getCredits(deps, t.reader)).toMatchObject({ balance: 200, held: 200, available: 0 });
    const rows = await deps.db.select().from(calls).where(eq(calls.accountId, t.account.id));
    expect(rows).toHaveLength(10);
    // Every intermediate balance in the ledger stayed within bounds.
    const bad = await queryRows<{ n: number }>(
      deps.db,
      sql`select count(*)::int as n from credit_ledger where account_id = ${t.account.id} and (balance_after < 0 or held_after < 0 or held_after > balance_after)`,
    );
    expect(Number(bad[0]!.n)).toBe(0);
    const [acct] = await deps.db.select().from(creditAccounts).where(eq(creditAccounts.accountId, t.account.id));
    expect(acct).toMatchObject({ balance: 200, held: 200 });
  });

  it("a new account starts with CREDITS_STARTING_BALANCE, granted once", async () => {
    const d2 = await createCallsTestDeps({ CREDITS_STARTING_BALANCE: "500" });
    try {
      const t = await createCallsTenant(d2.db);
      const [a, b] = await Promise.all([getCredits(d2, t.reader), getCredits(d2, t.reader)]);
      expect(a.balance).toBe(500);
      expect(b.balance).toBe(500);
      expect((await getCredits(d2, t.reader)).ledger.filter((e) => e.kind === "grant")).toHaveLength(1);
    } finally {
      await d2.close();
    }
  });
});
