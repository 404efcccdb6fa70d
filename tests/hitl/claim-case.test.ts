import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/adapters/db/schema";
import type { Principal } from "@/lib/domains/auth/principal";
import { AppError } from "@/lib/platform/errors";
import { claimCase } from "@/lib/domains/hitl/claim-case";
import { cancelCase } from "@/lib/domains/hitl/close-case";
import { createCase } from "@/lib/domains/hitl/create-case";
import { getCaseOrThrow } from "@/lib/domains/hitl/get-case";
import { postMessage } from "@/lib/domains/hitl/post-message";
import type { TestDeps } from "@/tests/support/test-deps";
import { depsWithTenant, type Tenant } from "@/tests/support/fixtures";
import { addKey, addMember, expectAppError, waitFor } from "@/tests/hitl/helpers";
import type { BusEvent } from "@/lib/adapters/events/port";

describe("claimCase", () => {
  let deps: TestDeps;
  let t: Tenant;

  beforeAll(async () => ({ deps, t } = await depsWithTenant()));
  afterAll(async () => deps?.close());

  const newCase = async () => (await createCase(deps, t.agent.principal, { question: "Can someone take this?" }, { source: "api" })).case;

  it("claims an open case for the caller and records it", async () => {
    const c = await newCase();
    const row = await claimCase(deps, t.operator, c.id);
    expect(row).toMatchObject({ status: "claimed", claimedBy: { type: "member", id: (t.operator as { memberId: string }).memberId } });
    expect(Number.isNaN(Date.parse(row.claimedAt!))).toBe(false);
    const audit = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, "case.claimed")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ fromStatus: "open", toStatus: "claimed", actorType: "member" });
  });

  it("of several simultaneous claims exactly one wins; the others get a conflict naming the winner", async () => {
    const c = await newCase();
    const claimants: Principal[] = [t.operator, t.answerer.principal];
    for (let i = 0; i < 4; i++) claimants.push(await addMember(deps.db, t.account.id, `Claimant ${i}`));
    claimants.push(await addKey(deps.db, t.account.id, ["hitl:answer"], "second bridge"));
    const settled = await Promise.allSettled(claimants.map((p) => claimCase(deps, p, c.id)));
    const won = settled.filter((s) => s.status === "fulfilled");
    const lost = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(claimants.length - 1);

    const row = await getCaseOrThrow(deps.db, t.account.id, c.id);
    const winnerIndex = settled.findIndex((s) => s.status === "fulfilled");
    const winner = claimants[winnerIndex]!;
    if (winner.kind === "member") expect(row.claimedByMemberId).toBe(winner.memberId);
    else expect(row.claimedByKeyId).toBe(winner.keyId);
    const winnerName = winner.kind === "member" ? winner.name : winner === t.answerer.principal ? "answer bridge" : "second bridge";
    for (const l of lost) {
      expect(l.reason).toBeInstanceOf(AppError);
      expect((l.reason as AppError).code).toBe("conflict");
      expect((l.reason as AppError).message).toContain(winnerName);
    }
    const audit = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, "case.claimed")));
    expect(audit).toHaveLength(1);
  });

  it("re-claiming by the holder is fine and changes nothing", async () => {
    const c = await newCase();
    const first = await claimCase(deps, t.answerer.principal, c.id);
    const again = await claimCase(deps, t.answerer.principal, c.id);
    expect(again).toMatchObject({
      status: "claimed",
      claimedBy: { type: "api_key", id: t.answerer.principal.keyId, name: "answer bridge" },
    });
    expect(again.claimedAt).toBe(first.claimedAt);
    await expectAppError(claimCase(deps, t.operator, c.id), "conflict", /answer bridge/);
  });

  it("a hitl:ask-only key may not claim", async () => {
    const c = await newCase();
    await expectAppError(claimCase(deps, t.agent.principal, c.id), "forbidden", /hitl:answer/);
    expect((await getCaseOrThrow(deps.db, t.account.id, c.id)).status).toBe("open");
  });

  it("answered or cancelled cases cannot be claimed", async () => {
    const answered = await newCase();
    await postMessage(deps, t.operator, answered.id, { content: "Already done" });
    await expectAppError(claimCase(deps, t.answerer.principal, answered.id), "conflict", /already answered/);
    const cancelled = await newCase();
    await cancelCase(deps, t.agent.principal, cancelled.id);
    await expectAppError(claimCase(deps, t.operator, cancelled.id), "conflict", /already cancelled/);
  });

  it("every step of a case is published on the account topic, in order", async () => {
    const events: BusEvent[] = [];
    const off = await deps.bus.subscribe(`account:${t.account.id}`, (e) => void events.push(e));
    const c = await newCase();
    await claimCase(deps, t.operator, c.id);
    await postMessage(deps, t.operator, c.id, { content: "All yours." });
    await waitFor(() => events.some((e) => e.caseId === c.id && e.type === "case.answered"));
    off();
    expect(events.filter((e) => e.caseId === c.id).map((e) => e.type)).toEqual([
      "case.created",
      "case.claimed",
      "case.message",
      "case.answered",
    ]);
  });

  it("an unknown or malformed case id is not_found", async () => {
    await expectAppError(claimCase(deps, t.operator, "00000000-0000-4000-8000-000000000000"), "not_found");
    await expectAppError(claimCase(deps, t.operator, "not-a-uuid"), "not_found");
  });
});
