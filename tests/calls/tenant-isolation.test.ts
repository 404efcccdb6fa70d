import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCredits, getCredits } from "@/lib/domains/credits/account-credits";
import { makePhoneCall } from "@/lib/domains/calls/make-phone-call";
import { cancelCall } from "@/lib/domains/calls/cancel-call";
import { getCall, getCallDetails, getCallEvents, getTranscript } from "@/lib/domains/calls/get-call";
import { listCalls } from "@/lib/domains/calls/list-calls";
import { getRecordingLink } from "@/lib/domains/calls/recording-link";
import type { PublicCall } from "@/lib/domains/calls/schemas";
import { expectAppError } from "@/tests/hitl/helpers";
import { createCallsTenant, createCallsTestDeps, type CallsTestDeps } from "./helpers";

describe("calls: tenant isolation and scopes", () => {
  let deps: CallsTestDeps;
  let a: Awaited<ReturnType<typeof createCallsTenant>>;
  let b: Awaited<ReturnType<typeof createCallsTenant>>;
  let aCall: PublicCall;
  beforeAll(async () => {
    deps = await createCallsTestDeps();
    a = await createCallsTenant(deps.db, "Calls A");
    b = await createCallsTenant(deps.db, "Calls B");
    await addCredits(deps, a.admin, { amount: 100, reason: "test" });
    aCall = await makePhoneCall(deps, a.caller, { phoneNumber: "+14155550123", task: "A's private task" });
  });
  afterAll(async () => {
    await deps?.close();
  });

  it("A sees its own call (control)", async () => {
    expect((await getCallDetails(deps, a.reader, aCall.id)).task).toBe("A's private task");
    expect((await listCalls(deps, a.reader, {})).calls.map((c) => c.id)).toContain(aCall.id);
  });

  it("B cannot read, list, cancel or link A's call: it is simply not found", async () => {
    // Operators hold no call scopes (README § Permission matrix): they are refused before any lookup.
    await expectAppError(getCall(deps, b.operator, aCall.id), "forbidden", /calls:read/);
    for (const p of [b.caller, b.admin]) {
      await expectAppError(getCall(deps, p, aCall.id), "not_found");
      await expectAppError(getCallDetails(deps, p, aCall.id), "not_found");
      await expectAppError(getTranscript(deps, p, aCall.id), "not_found");
      await expectAppError(getCallEvents(deps, p, aCall.id), "not_found");
      await expectAppError(getRecordingLink(deps, p, aCall.id), "not_found");
      await expectAppError(cancelCall(deps, p, aCall.id), "not_found");
      expect((await listCalls(deps, p, {})).calls).toHaveLength(0);
    }
    expect((await getCall(deps, a.reader, aCall.id)).status).not.toBe("canceled");
  });

  it("B's credits are its own", async () => {
    expect((await getCredits(deps, b.reader)).balance).toBe(0);
    expect((await getCredits(deps, a.reader)).held).toBe(20);
  });

  it("scopes: hitl-only keys cannot touch calls; calls:read cannot place; non-admins cannot add credits", async () => {
    await expectAppError(listCalls(deps, a.agent.principal, {}), "forbidden", /calls:read/);
    await expectAppError(makePhoneCall(deps, a.reader, { phoneNumber: "+14155550123", task: "x" }), "forbidden", /calls:write/);
    await expectAppError(cancelCall(deps, a.reader, aCall.id), "forbidden", /calls:write/);
    await expectAppError(addCredits(deps, a.caller, { amount: 5, reason: "x" }), "forbidden", /admin/);
    await expectAppError(addCredits(deps, a.operator, { amount: 5, reason: "x" }), "forbidden", /admin/);
  });
});
