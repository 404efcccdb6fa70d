import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { callSyncFailures, calls, creditLedger } from "@/lib/adapters/db/schema";
import { addCredits } from "@/lib/domains/credits/account-credits";
import { makePhoneCall } from "@/lib/domains/calls/make-phone-call";
import { runSyncCalls } from "@/lib/domains/calls/sync-calls";
import type { TelephonyPort } from "@/lib/adapters/telephony/port";
import { sleep } from "@/tests/hitl/helpers";
import { createCallsTenant, createCallsTestDeps, type CallsTestDeps } from "./helpers";

describe("sync job: a call whose update cannot be applied", () => {
  let deps: CallsTestDeps;
  let t: Awaited<ReturnType<typeof createCallsTenant>>;
  beforeAll(async () => {
    deps = await createCallsTestDeps({ CALL_SYNC_BACKOFF_BASE_MS: "0" });
    t = await createCallsTenant(deps.db);
    await addCredits(deps, t.admin, { amount: 1000, reason: "test" });
  });
  afterAll(async () => {
    await deps?.close();
  });

  it("counts against that call only (backoff row), while the rest of the batch settles", async () => {
    const placed = [];
    for (let i = 0; i < 5; i++)
      placed.push(await makePhoneCall(deps, t.caller, { phoneNumber: `+1415555${3000 + i}`, task: "Ask when the store opens." }));
    const bad = placed[2]!;
    // A provider answer our schema cannot store (duration beyond the integer column) for one call.
    const sim = deps.telephony;
    const telephony: TelephonyPort = {
      ...sim,
      getCall: async (id) => ({ ...(await sim.getCall(id)), ...(id === bad.providerCallId ? { durationSeconds: 3e9 } : {}) }),
    };
    await sleep(400); // simulator at speed 1000: every call has ended
    const run = await runSyncCalls({ ...deps, telephony });
    expect(run).toMatchObject({ status: "finished", providerRequests: 5, counts: { updated: 4, failed: 1 } });
    const rows = await deps.db
      .select()
      .from(calls)
      .where(
        inArray(
          calls.id,
          placed.map((c) => c.id),
        ),
      );
    expect(
      rows
        .filter((r) => r.status === "completed" || r.status === "no_answer" || r.status === "busy" || r.status === "failed")
        .map((r) => r.id)
        .sort(),
    ).toEqual(
      placed
        .filter((c) => c !== bad)
        .map((c) => c.id)
        .sort(),
    );
    expect(rows.find((r) => r.id === bad.id)!.status).not.toMatch(/completed/);
    const [failure] = await deps.db.select().from(callSyncFailures).where(eq(callSyncFailures.callId, bad.id));
    expect(failure).toMatchObject({ failures: 1 });
    expect(failure!.lastError).toMatch(/out of range/);
    expect((await deps.db.select().from(creditLedger).where(eq(creditLedger.callId, bad.id))).map((l) => l.kind)).toEqual(["hold"]);

    // the provider's next answer is storable: the call syncs and its failure record is cleared
    const again = await runSyncCalls(deps);
    expect(again.counts).toMatchObject({ updated: 1, failed: 0 });
    expect(await deps.db.select().from(callSyncFailures).where(eq(callSyncFailures.callId, bad.id))).toHaveLength(0);
  });
});
