import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, caseMessages, cases } from "@/lib/adapters/db/schema";
import type { Principal } from "@/lib/domains/auth/principal";
import { AppError } from "@/lib/platform/errors";
import { claimCase } from "@/lib/domains/hitl/claim-case";
import { createCase } from "@/lib/domains/hitl/create-case";
import { getCaseOrThrow } from "@/lib/domains/hitl/get-case";
import { listMessages } from "@/lib/domains/hitl/case-messages";
import { postMessage } from "@/lib/domains/hitl/post-message";
import type { TestDeps } from "@/tests/support/test-deps";
import { depsWithTenant, type Tenant } from "@/tests/support/fixtures";
import { addKey, addMember, expectAppError } from "@/tests/hitl/helpers";

describe("postMessage", () => {
  let deps: TestDeps;
  let t: Tenant;

  beforeAll(async () => ({ deps, t } = await depsWithTenant()));
  afterAll(async () => deps?.close());

  const newCase = async (question = "Do you deliver on weekends?") =>
    (await createCase(deps, t.agent.principal, { question }, { source: "api" })).case;
  const messagesOf = (caseId: string) =>
    deps.db.select().from(caseMessages).where(eq(caseMessages.caseId, caseId)).orderBy(asc(caseMessages.id));
  const answeredAudit = (caseId: string) =>
    deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, caseId), eq(auditLog.action, "case.answered")));

  it("a hitl:ask key writes as the agent and does not answer the case", async () => {
    const c = await newCase();
    const res = await postMessage(deps, t.agent.principal, c.id, { content: "  The caller also asks about Sundays.  " });
    expect(res.answered).toBe(false);
    expect(res.message).toMatchObject({
      senderType: "agent",
      content: "The caller also asks about Sundays.",
      senderKeyId: t.agent.principal.keyId,
    });
    const now = await getCaseOrThrow(deps.db, t.account.id, c.id);
    expect(now.status).toBe("open");
    expect(now.answer).toBeNull();
    expect(await answeredAudit(c.id)).toHaveLength(0);
    expect((await messagesOf(c.id)).map((m) => m.senderType)).toEqual(["agent", "agent"]);
  });

  it("rejects an empty message, naming the field", async () => {
    const c = await newCase();
    await expectAppError(postMessage(deps, t.operator, c.id, { content: "   " }), "validation_failed", /content: must not be empty/);
    expect((await getCaseOrThrow(deps.db, t.account.id, c.id)).status).toBe("open");
  });

  type By = { memberId: string | null; keyId: string | null };
  const answerers: Array<[string, () => Principal, () => By]> = [
    ["an operator member", () => t.operator, () => ({ memberId: (t.operator as { memberId: string }).memberId, keyId: null })],
    ["a hitl:answer key", () => t.answerer.principal, () => ({ memberId: null, keyId: t.answerer.principal.keyId })],
  ];
  it.each(answerers)("%s answers the case: status, answer, answerer and an audit row", async (_label, who, by) => {
    const c = await newCase();
    const res = await postMessage(deps, who(), c.id, { content: "Yes, Saturdays 9–5." });
    expect(res.answered).toBe(true);
    expect(res.message.senderType).toBe("human");
    const row = await getCaseOrThrow(deps.db, t.account.id, c.id);
    expect(row).toMatchObject({
      status: "answered",
      answer: "Yes, Saturdays 9–5.",
      answeredByMemberId: by().memberId,
      answeredByKeyId: by().keyId,
    });
    expect(row.answeredAt).toBeInstanceOf(Date);
    expect(row.closedAt).toBeInstanceOf(Date);
    const audit = await answeredAudit(c.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ fromStatus: "open", toStatus: "answered", data: { messageId: res.message.id } });
  });

  it("of 10 simultaneous answers from different people exactly one wins; the other 9 get conflict", async () => {
    const c = await newCase("Race?");
    const others: Principal[] = [];
    for (let i = 0; i < 5; i++) others.push(await addMember(deps.db, t.account.id, `Racer ${i}`));
    for (let i = 0; i < 3; i++) others.push(await addKey(deps.db, t.account.id, ["hitl:answer"]));
    const racers: Principal[] = [t.answerer.principal, t.operator, ...others];
    expect(racers).toHaveLength(10);

    const settled = await Promise.allSettled(racers.map((p, i) => postMessage(deps, p, c.id, { content: `answer #${i}` })));
    const won = settled.filter((s) => s.status === "fulfilled");
    const lost = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    for (const l of lost) {
      expect(l.reason).toBeInstanceOf(AppError);
      expect((l.reason as AppError).code).toBe("conflict");
    }
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof postMessage>>>).value;
    const row = await getCaseOrThrow(deps.db, t.account.id, c.id);
    expect(row.status).toBe("answered");
    expect(row.answer).toBe(winner.message.content);
    const human = (await messagesOf(c.id)).filter((m) => m.senderType === "human");
    expect(human).toHaveLength(1);
    expect(await answeredAudit(c.id)).toHaveLength(1);
  });

  it("a message on an answered case is a conflict, from a human or the agent, and is not stored", async () => {
    const c = await newCase();
    await postMessage(deps, t.operator, c.id, { content: "First and final." });
    await expectAppError(postMessage(deps, t.answerer.principal, c.id, { content: "Second opinion" }), "conflict", /already answered/);
    await expectAppError(postMessage(deps, t.agent.principal, c.id, { content: "Follow-up" }), "conflict", /already answered/);
    expect((await getCaseOrThrow(deps.db, t.account.id, c.id)).answer).toBe("First and final.");
    expect(await messagesOf(c.id)).toHaveLength(2);
  });

  it("a claimed case answered by someone other than the holder is a conflict naming the holder", async () => {
    const c = await newCase();
    await claimCase(deps, t.operator, c.id);
    const err = await expectAppError(
      postMessage(deps, t.answerer.principal, c.id, { content: "I'll take it" }),
      "conflict",
      /Olive Operator/,
    );
    expect(err.details).toMatchObject({ claimedBy: { type: "member", name: "Olive Operator" } });
    expect((await getCaseOrThrow(deps.db, t.account.id, c.id)).status).toBe("claimed");
    // The agent may still add context to a claimed case, and the holder can answer it.
    expect((await postMessage(deps, t.agent.principal, c.id, { content: "More context" })).answered).toBe(false);
    const res = await postMessage(deps, t.operator, c.id, { content: "Done." });
    expect(res.case).toMatchObject({ status: "answered", answer: "Done." });
    const audit = await answeredAudit(c.id);
    expect(audit[0]).toMatchObject({ fromStatus: "claimed" });
  });

  it("listMessages returns messages after the cursor, and a long poll wakes as soon as one is posted", async () => {
    const c = await newCase("Long poll?");
    const [first] = await listMessages(deps, t.account.id, c.id, { after: 0, waitSeconds: 0 });
    expect(first).toMatchObject({ senderType: "agent", content: "Long poll?" });
    expect(await listMessages(deps, t.account.id, c.id, { after: first!.id, waitSeconds: 0 })).toEqual([]);

    setTimeout(() => void postMessage(deps, t.agent.principal, c.id, { content: "Caller is getting impatient" }), 200);
    const started = Date.now();
    const next = await listMessages(deps, t.account.id, c.id, { after: first!.id, waitSeconds: 10 });
    expect(Date.now() - started).toBeLessThan(8_000); // woke on the message, not at the end of the 10 s wait
    expect(next.map((m) => m.content)).toEqual(["Caller is getting impatient"]);
    expect(next[0]!.id).toBeGreaterThan(first!.id);

    const quiet = Date.now();
    expect(await listMessages(deps, t.account.id, c.id, { after: next[0]!.id, waitSeconds: 0.3 })).toEqual([]);
    expect(Date.now() - quiet).toBeGreaterThanOrEqual(250);
  });

  it("a key with neither hitl scope is forbidden; an admin key answers as a human", async () => {
    const c = await newCase();
    const none = await addKey(deps.db, t.account.id, []);
    await expectAppError(postMessage(deps, none, c.id, { content: "Hello?" }), "forbidden");
    expect(await messagesOf(c.id)).toHaveLength(1);
    const admin = await addKey(deps.db, t.account.id, ["admin"]);
    expect((await postMessage(deps, admin, c.id, { content: "Admin answer" })).message.senderType).toBe("human");
    const rows = await deps.db.select({ status: cases.status }).from(cases).where(eq(cases.id, c.id));
    expect(rows[0]!.status).toBe("answered");
  });
});
