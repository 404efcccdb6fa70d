import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { callEvents, calls, creditLedger } from "@/lib/adapters/db/schema";
import { addCredits, getCredits } from "@/lib/domains/credits/account-credits";
import { makePhoneCall } from "@/lib/domains/calls/make-phone-call";
import { applyCallUpdate } from "@/lib/domains/calls/apply-call-update";
import { getCallDetails } from "@/lib/domains/calls/get-call";
import type { Deps } from "@/lib/platform/deps";
import { expectAppError, sleep } from "@/tests/hitl/helpers";
import { createCallsTenant, createCallsTestDeps, type CallsTestDeps } from "./helpers";

describe("applyCallUpdate", () => {
  let deps: CallsTestDeps;
  /** The same deps without a telephony port: reads show what applyCallUpdate stored, nothing else. */
  const dbOnly = () => ({ db: deps.db, kv: deps.kv, bus: deps.bus, config: deps.config }) as Deps;
  let t: Awaited<ReturnType<typeof createCallsTenant>>;
  beforeAll(async () => {
    deps = await createCallsTestDeps();
    t = await createCallsTenant(deps.db);
    await addCredits(deps, t.admin, { amount: 1000, reason: "test" });
  });
  afterAll(async () => {
    await deps?.close();
  });

  const place = () => makePhoneCall(deps, t.caller, { phoneNumber: "+14155552671", task: "Ask when the store opens." });
  const snapshot = async (id: string) => ({
    call: (await deps.db.select().from(calls).where(eq(calls.id, id)))[0],
    events: (await deps.db.select().from(callEvents).where(eq(callEvents.callId, id))).length,
    ledger: (await deps.db.select().from(creditLedger).where(eq(creditLedger.callId, id))).length,
  });

  it("a replayed event (same id) changes nothing", async () => {
    const c = await place();
    const done = {
      status: "completed" as const,
      durationSeconds: 95,
      summary: "Opens at 9.",
      transcript: [{ speaker: "agent" as const, text: "Hi", atSeconds: 0 }],
      recordingAvailable: true,
    };
    const first = await applyCallUpdate(deps, { callId: c.id, update: done, eventId: "evt-replay-1", source: "webhook" });
    expect(first).toMatchObject({ applied: true, duplicate: false, becameFinal: true });
    const before = await snapshot(c.id);
    const again = await applyCallUpdate(deps, {
      callId: c.id,
      update: { ...done, durationSeconds: 500, summary: "changed" },
      eventId: "evt-replay-1",
      source: "webhook",
    });
    expect(again).toMatchObject({ applied: false, duplicate: true });
    expect(await snapshot(c.id)).toEqual(before);
    expect(before.call).toMatchObject({ status: "completed", cost: 20, summary: "Opens at 9.", durationSeconds: 95 });
  });

  it("concurrent final updates with different event ids settle exactly once", async () => {
    const c = await place();
    const balance = (await getCredits(deps, t.reader)).balance;
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        applyCallUpdate(deps, { callId: c.id, update: { status: "completed", durationSeconds: 30 }, eventId: `evt-race-${i}` }),
      ),
    );
    expect((await snapshot(c.id)).ledger).toBe(2); // hold + one settle
    expect((await getCredits(deps, t.reader)).balance).toBe(balance - 10);
  });

  it("status never moves backwards, and a final status is never left", async () => {
    const c = await place();
    await applyCallUpdate(deps, { callId: c.id, update: { status: "in_progress", answeredAt: new Date() } });
    await applyCallUpdate(deps, { callId: c.id, update: { status: "ringing" } });
    // Read without the provider: after 2 s without news a read asks the simulator, whose call (speed 1000)
    // has long ended — on a busy machine that would make this test about the clock.
    expect((await getCallDetails(dbOnly(), t.reader, c.id)).status).toBe("in_progress");
    await applyCallUpdate(deps, { callId: c.id, update: { status: "no_answer" } });
    await applyCallUpdate(deps, { callId: c.id, update: { status: "completed", durationSeconds: 300 } });
    await applyCallUpdate(deps, { callId: c.id, update: { status: "queued" } });
    const d = await getCallDetails(deps, t.reader, c.id);
    expect(d.status).toBe("no_answer");
    expect(d.cost).toBe(0);
  });

  it("a late update for a final call fills blanks (summary, recording) without re-settling", async () => {
    const c = await place();
    await applyCallUpdate(deps, { callId: c.id, update: { status: "completed", durationSeconds: 10 } });
    await sleep(5);
    await applyCallUpdate(deps, {
      callId: c.id,
      update: { status: "completed", summary: "Done.", recordingAvailable: true, durationSeconds: 10 },
    });
    const d = await getCallDetails(deps, t.reader, c.id);
    expect(d).toMatchObject({ summary: "Done.", recordingAvailable: true, cost: 10 });
    expect((await snapshot(c.id)).ledger).toBe(2);
  });

  it("finds a call by provider id; an unknown call is not_found", async () => {
    const c = await place();
    const r = await applyCallUpdate(deps, { providerCallId: c.providerCallId!, provider: "simulator", update: { status: "ringing" } });
    expect(r.call.id).toBe(c.id);
    await expectAppError(applyCallUpdate(deps, { providerCallId: "nope", update: { status: "ringing" } }), "not_found");
    await expectAppError(
      applyCallUpdate(deps, { callId: "00000000-0000-0000-0000-000000000000", update: { status: "ringing" } }),
      "not_found",
    );
  });
});
