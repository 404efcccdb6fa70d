import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { calls, phoneFollowups } from "@/lib/adapters/db/schema";
import { askHuman } from "@/lib/domains/hitl/ask-human";
import { getCaseOrThrow } from "@/lib/domains/hitl/get-case";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { presentCase } from "@/lib/domains/hitl/case-view";
import { addCredits } from "@/lib/domains/credits/account-credits";
import { dispatchPhoneFollowups } from "@/lib/domains/calls/dispatch-followups";
import { readCallbackPolicy, updateCallbackPolicy } from "@/lib/domains/hitl/callback-policy";
import { expectAppError, waitFor } from "@/tests/hitl/helpers";
import { createCallsTenant, createCallsTestDeps, type CallsTestDeps } from "./helpers";

/**
 * Toll fraud: a hitl:ask-only key must not make Switchboard place billed calls to any number
 * it likes through ask_human's phone follow-up. It needs calls:write, or an admin's allow-list.
 */
describe("late-answer callbacks: who may ask for one", () => {
  let deps: CallsTestDeps;
  let t: Awaited<ReturnType<typeof createCallsTenant>>;
  beforeAll(async () => {
    deps = await createCallsTestDeps();
    t = await createCallsTenant(deps.db);
    await addCredits(deps, t.admin, { amount: 1000, reason: "test" });
  });
  afterAll(async () => deps?.close());

  const ask = (phone: string) => ({ question: `Callback to ${phone}?`, callerInfo: { name: "Eve", phone }, followUp: "phone" as const });

  /**
   * ask_human returns at once (nobody online), then a person answers late. Whether a callback was queued
   * is decided in the answering transaction; when one was, wait until the outbox row is settled (the
   * answer's own kick and this pass race for its lease).
   */
  async function askAndAnswerLate(phone: string) {
    const r = await askHuman(deps, t.agent.principal, ask(phone));
    expect(r.status).toBe("unavailable");
    await postMessage(deps, t.operator, r.caseId!, { content: "Here is the late answer." });
    const queued = await deps.db.select().from(phoneFollowups).where(eq(phoneFollowups.caseId, r.caseId!));
    if (queued.length) await waitFor(async () => (await dispatchPhoneFollowups(deps), await settled(r.caseId!)), 20_000);
    const row = await getCaseOrThrow(deps.db, t.account.id, r.caseId!);
    const placed = await deps.db.select().from(calls).where(eq(calls.caseId, r.caseId!));
    return { row, placed };
  }
  const settled = async (caseId: string) =>
    (await deps.db.select().from(phoneFollowups).where(eq(phoneFollowups.caseId, caseId))).find((f) => f.status !== "pending");

  it("a hitl:ask-only key gets no callback call; the case says why", async () => {
    const { row, placed } = await askAndAnswerLate("+19005550100");
    expect(placed).toHaveLength(0);
    expect(await deps.db.select().from(phoneFollowups).where(eq(phoneFollowups.caseId, row.id))).toHaveLength(0);
    expect(row.followUpCallId).toBeNull();
    const shown = await presentCase(deps.db, row);
    expect(shown.followUp).toBe("phone");
    expect(shown.followUpRefused).toMatch(/calls:write/);
    expect(shown.followUpRefused).toMatch(/does not allow callbacks/);
  });

  it("an admin's allow-list lets hitl:ask keys ask for callbacks to numbers with those prefixes only", async () => {
    await expectAppError(updateCallbackPolicy(deps, t.operator, { askKeyCallbacksEnabled: true }), "forbidden", /admin/);
    await expectAppError(updateCallbackPolicy(deps, t.caller, { askKeyCallbacksEnabled: true }), "forbidden", /admin/);
    await expectAppError(
      updateCallbackPolicy(deps, t.admin, { callbackNumberPrefixes: ["1415"] }),
      "validation_failed",
      /callbackNumberPrefixes/,
    );
    const policy = await updateCallbackPolicy(deps, t.admin, { askKeyCallbacksEnabled: true, callbackNumberPrefixes: ["+1415", "+1415"] });
    expect(policy).toEqual({ askKeyCallbacksEnabled: true, callbackNumberPrefixes: ["+1415"] });
    expect(await readCallbackPolicy(deps, t.admin)).toEqual(policy);

    const allowed = await askAndAnswerLate("+14155550142");
    expect(allowed.row.followUpRefused).toBeNull();
    expect(allowed.placed).toHaveLength(1);
    expect(allowed.row.followUpCallId).toBe(allowed.placed[0]!.id);

    const foreign = await askAndAnswerLate("+882355550100");
    expect(foreign.placed).toHaveLength(0);
    expect(foreign.row.followUpRefused).toMatch(/\+882355550100 does not start with one of the account's allowed callback prefixes/);
    await updateCallbackPolicy(deps, t.admin, { askKeyCallbacksEnabled: false });
  });

  it("the dispatcher refuses a callback for a refused case even if an outbox row exists (defence in depth)", async () => {
    const { row } = await askAndAnswerLate("+19005550101");
    await deps.db
      .insert(phoneFollowups)
      .values({ accountId: t.account.id, caseId: row.id, phoneNumber: "+19005550101", message: "forged" });
    const f = await waitFor(async () => (await dispatchPhoneFollowups(deps), await settled(row.id)), 20_000);
    expect(await deps.db.select().from(calls).where(eq(calls.caseId, row.id))).toHaveLength(0);
    expect(f).toMatchObject({ status: "failed" });
    expect(f!.lastError).toMatch(/calls:write/);
  });
});
