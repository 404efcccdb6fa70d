import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { callEvents, calls, creditLedger } from "@/lib/adapters/db/schema";
import { addCredits, getCredits } from "@/lib/domains/credits/account-credits";
import { makePhoneCall, reserveCall } from "@/lib/domains/calls/make-phone-call";
import { applyCallUpdate } from "@/lib/domains/calls/apply-call-update";
import { applyCallUpdates, type BatchUpdate } from "@/lib/domains/calls/apply-call-update-batch";
import { runSyncCalls } from "@/lib/domains/calls/sync-calls";
import { createCallsTenant, createCallsTestDeps, type CallsTestDeps } from "./helpers";

type Tenant = Awaited<ReturnType<typeof createCallsTenant>>;

describe("batched call updates (the sync job's apply path)", () => {
  let deps: CallsTestDeps;
  let a: Tenant;
  let b: Tenant;
  beforeAll(async () => {
    deps = await createCallsTestDeps(); // rate 10 per minute, 2-minute calls: every hold is 20
    a = await createCallsTenant(deps.db, "batch A");
    b = await createCallsTenant(deps.db, "batch B");
    await addCredits(deps, a.admin, { amount: 1000, reason: "test" });
    await addCredits(deps, b.admin, { amount: 1000, reason: "test" });
  });
  afterAll(async () => {
    await deps?.close();
  });

  const place = async (t: Tenant, n: number) => {
    const out = [];
    for (let i = 0; i < n; i++)
      out.push(await makePhoneCall(deps, t.caller, { phoneNumber: `+1415555${String(2000 + i)}`, task: "Ask when the store opens." }));
    return out;
  };
  const credits = async (t: Tenant) => {
    const c = await getCredits(deps, t.reader);
    return { balance: c.balance, held: c.held };
  };
  const state = async (ids: string[]) => ({
    calls: (
      await deps.db
        .select({ id: calls.id, status: calls.status, cost: calls.cost, durationSeconds: calls.durationSeconds })
        .from(calls)
        .where(inArray(calls.id, ids))
    ).sort((x, y) => x.id.localeCompare(y.id)),
    events: (await deps.db.select({ n: sql<number>`count(*)::int` }).from(callEvents).where(inArray(callEvents.callId, ids)))[0]!.n,
    ledger: await deps.db
      .select({ callId: creditLedger.callId, kind: creditLedger.kind, amount: creditLedger.amount })
      .from(creditLedger)
      .where(inArray(creditLedger.callId, ids))
      .orderBy(creditLedger.id),
    a: await credits(a),
    b: await credits(b),
  });

  it("a batch mixing final and open calls of two accounts settles each final call exactly once; a rerun changes nothing", async () => {
    const [a1, a2, a3, a4] = await place(a, 4);
    const [b1, b2] = await place(b, 2);
    const before = { a: await credits(a), b: await credits(b) };
    expect(before.a.held).toBe(80);
    const batch: BatchUpdate[] = [
      { callId: a1!.id, accountId: a.account.id, update: { status: "completed", durationSeconds: 95 }, source: "sync" }, // 2 min → 20
      { callId: b1!.id, accountId: b.account.id, update: { status: "completed", durationSeconds: 30 }, source: "sync" }, // 1 min → 10
      { callId: a2!.id, accountId: a.account.id, update: { status: "in_progress", answeredAt: new Date() }, source: "sync" },
      { callId: a3!.id, accountId: a.account.id, update: { status: "busy" }, source: "sync" }, // released, no charge
      { callId: b2!.id, accountId: b.account.id, update: { status: "ringing" }, source: "sync" },
      // the same call twice in one batch: it moves forward once and settles once
      { callId: a4!.id, accountId: a.account.id, update: { status: "in_progress" }, source: "sync" },
      { callId: a4!.id, accountId: a.account.id, update: { status: "completed", durationSeconds: 10 }, source: "sync" }, // 1 min → 10
      { callId: a4!.id, accountId: a.account.id, update: { status: "completed", durationSeconds: 200 }, source: "sync" }, // a different final: ignored
    ];
    const outcomes = await applyCallUpdates(deps, batch);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const ids = [a1, a2, a3, a4, b1, b2].map((c) => c!.id);
    const after = await state(ids);
    const status = Object.fromEntries(after.calls.map((c) => [c.id, [c.status, c.cost]]));
    expect(status[a1!.id]).toEqual(["completed", 20]);
    expect(status[a2!.id]).toEqual(["in_progress", null]);
    expect(status[a3!.id]).toEqual(["busy", 0]);
    expect(status[a4!.id]).toEqual(["completed", 10]);
    expect(status[b1!.id]).toEqual(["completed", 10]);
    expect(status[b2!.id]).toEqual(["ringing", null]);
    // exactly one settle/release per final call, none for open ones
    const closes = after.ledger.filter((l) => l.kind === "settle" || l.kind === "release");
    expect(closes.map((l) => l.callId).sort()).toEqual([a1!.id, a3!.id, a4!.id, b1!.id].sort());
    // balances: charged exactly the costs; only the open calls still hold
    expect(after.a).toEqual({ balance: before.a.balance - 30, held: 20 });
    expect(after.b).toEqual({ balance: before.b.balance - 10, held: 20 });
    // the ledger's running totals stay consistent with the account row
    const [last] = await deps.db
      .select()
      .from(creditLedger)
      .where(eq(creditLedger.accountId, a.account.id))
      .orderBy(sql`${creditLedger.id} desc`)
      .limit(1);
    expect({ balance: last!.balanceAfter, held: last!.heldAfter }).toEqual(after.a);

    const rerun = await applyCallUpdates(deps, batch);
    expect(rerun.every((o) => o.ok && !o.result.becameFinal)).toBe(true);
    expect(await state(ids)).toEqual(after);
  });

  it("one call that cannot be written does not lose the others' progress", async () => {
    const [good1, bad, good2] = await place(a, 3);
    const [other] = await place(b, 1);
    const before = { a: await credits(a), b: await credits(b) };
    const outcomes = await applyCallUpdates(deps, [
      { callId: good1!.id, accountId: a.account.id, update: { status: "completed", durationSeconds: 61 }, source: "sync" },
      // out of range for the integer column: this call's write fails, and with it the account's transaction
      { callId: bad!.id, accountId: a.account.id, update: { status: "completed", durationSeconds: 3e9 }, source: "sync" },
      { callId: good2!.id, accountId: a.account.id, update: { status: "no_answer" }, source: "sync" },
      { callId: other!.id, accountId: b.account.id, update: { status: "completed", durationSeconds: 5 }, source: "sync" },
    ]);
    const byId = Object.fromEntries(outcomes.map((o) => [o.callId, o.ok]));
    expect(byId).toEqual({ [good1!.id]: true, [bad!.id]: false, [good2!.id]: true, [other!.id]: true });
    const rows = Object.fromEntries(
      (
        await deps.db
          .select()
          .from(calls)
          .where(inArray(calls.id, [good1!.id, bad!.id, good2!.id, other!.id]))
      ).map((r) => [r.id, r]),
    );
    expect([rows[good1!.id]!.status, rows[bad!.id]!.status, rows[good2!.id]!.status, rows[other!.id]!.status]).toEqual([
      "completed",
      "queued",
      "no_answer",
      "completed",
    ]);
    // the failed call kept its hold and has no settlement; the others settled once
    expect(await credits(a)).toEqual({ balance: before.a.balance - 20, held: before.a.held - 40 });
    expect(await credits(b)).toEqual({ balance: before.b.balance - 10, held: before.b.held - 20 });
    const badLedger = await deps.db.select().from(creditLedger).where(eq(creditLedger.callId, bad!.id));
    expect(badLedger.map((l) => l.kind)).toEqual(["hold"]);
  });
});

describe("calls never handed to the provider", () => {
  let deps: CallsTestDeps;
  let t: Tenant;
  beforeAll(async () => {
    deps = await createCallsTestDeps({ CALL_UNPLACED_GRACE_SECONDS: "60" });
    t = await createCallsTenant(deps.db, "unplaced");
    await addCredits(deps, t.admin, { amount: 100, reason: "test" });
  });
  afterAll(async () => {
    await deps?.close();
  });

  const reserve = () =>
    reserveCall(deps, {
      accountId: t.account.id,
      actor: { actorType: "system", actorId: null },
      input: { phoneNumber: "+14155550123", task: "Ask when the store opens." },
      provider: "simulator",
    });

  it("past the grace period the sync job marks them failed and releases the hold, once; a recent one is left alone", async () => {
    const dead = await reserve();
    const recent = await reserve();
    await deps.db.update(calls).set({ createdAt: sql`now() - interval '2 minutes'` }).where(eq(calls.id, dead.id));
    expect((await getCredits(deps, t.reader)).held).toBe(40);

    const run = await runSyncCalls(deps);
    expect(run).toMatchObject({ status: "finished", unplacedFailed: 1 });
    const [row] = await deps.db.select().from(calls).where(eq(calls.id, dead.id));
    expect(row).toMatchObject({ status: "failed", cost: 0, providerCallId: null });
    expect(row!.endReason).toMatch(/never handed to the provider/);
    expect((await deps.db.select().from(calls).where(eq(calls.id, recent.id)))[0]!.status).toBe("queued");
    expect(await getCredits(deps, t.reader)).toMatchObject({ balance: 100, held: 20 });
    const ledger = await deps.db.select().from(creditLedger).where(eq(creditLedger.callId, dead.id));
    expect(ledger.map((l) => l.kind)).toEqual(["hold", "release"]);
    const events = await deps.db
      .select()
      .from(callEvents)
      .where(and(eq(callEvents.callId, dead.id), eq(callEvents.kind, "unplaced_timeout")));
    expect(events).toHaveLength(1);

    // a second run finds nothing to do
    expect((await runSyncCalls(deps)).unplacedFailed).toBe(0);
    expect((await deps.db.select().from(creditLedger).where(eq(creditLedger.callId, dead.id))).length).toBe(2);
  });

  it("a placement that finished just before the lock wins: the guarded update is skipped", async () => {
    const c = await reserve();
    await deps.db.update(calls).set({ providerCallId: "sim-placed-meanwhile", status: "ringing" }).where(eq(calls.id, c.id));
    const r = await applyCallUpdate(deps, {
      callId: c.id,
      update: { status: "failed" },
      onlyIf: (row) => row.status === "queued" && row.providerCallId === null,
    });
    expect(r).toMatchObject({ applied: false, becameFinal: false });
    expect((await deps.db.select().from(calls).where(eq(calls.id, c.id)))[0]!.status).toBe("ringing");
  });
});
