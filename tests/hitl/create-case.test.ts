import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "@/lib/domains/auth/secrets";
import { auditLog, caseMessages, cases } from "@/lib/adapters/db/schema";
import { createCase } from "@/lib/domains/hitl/create-case";
import type { TestDeps } from "@/tests/support/test-deps";
import { createTenant, depsWithTenant, type Tenant } from "@/tests/support/fixtures";
import { expectAppError, rand } from "@/tests/hitl/helpers";

describe("createCase", () => {
  let deps: TestDeps;
  let t: Tenant;

  beforeAll(async () => ({ deps, t } = await depsWithTenant()));
  afterAll(async () => deps?.close());

  const create = (input: Record<string, unknown>) => createCase(deps, t.agent.principal, input, { source: "api" });
  const caseCount = async () => (await deps.db.select({ id: cases.id }).from(cases).where(eq(cases.accountId, t.account.id))).length;

  it.each([
    [{ question: "" }, /question: must not be empty/],
    [{ question: "   " }, /question: must not be empty/],
    [{ question: "ok?", priority: 9 }, /priority/],
    [{ question: "ok?", timeoutSeconds: 60 }, /timeoutSeconds/],
    [{ question: "ok?", timeoutSeconds: 4 }, /timeoutSeconds/],
    [{ question: "ok?", callbackUrl: "ftp://x" }, /callbackUrl: must be an http\(s\) URL/],
    [{ question: "ok?", urgency: "critical" }, /urgency/],
    [{}, /question/],
  ])("rejects %j with a message naming the field", async (input, message) => {
    const before = await caseCount();
    await expectAppError(create(input), "validation_failed", message);
    expect(await caseCount()).toBe(before);
  });

  it("creates an open case with defaults, the question as the first (agent) message, and a case.created audit row", async () => {
    const { case: row, created } = await create({ question: "Can I change my delivery address?", sessionId: `s-${rand()}` });
    expect(created).toBe(true);
    expect(row).toMatchObject({
      status: "open",
      priority: 3,
      urgency: "medium",
      timeoutSeconds: 45,
      source: "api",
      createdByKeyId: t.agent.principal.keyId,
    });
    expect(row.waitDeadlineAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(40_000);
    expect(row.expiresAt.getTime()).toBeGreaterThan(row.waitDeadlineAt.getTime());

    const messages = await deps.db.select().from(caseMessages).where(eq(caseMessages.caseId, row.id)).orderBy(asc(caseMessages.id));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      senderType: "agent",
      content: "Can I change my delivery address?",
      senderKeyId: t.agent.principal.keyId,
    });

    const audit = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "case"), eq(auditLog.entityId, row.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "case.created",
      toStatus: "open",
      actorType: "api_key",
      actorId: t.agent.principal.keyId,
      accountId: t.account.id,
    });
  });

  it("keeps explicit options", async () => {
    const { case: row } = await create({
      question: "Refund?",
      priority: 5,
      urgency: "high",
      timeoutSeconds: 10,
      callerInfo: { name: "Ada" },
      conversationHistory: [{ role: "user", content: "hi" }],
    });
    expect(row).toMatchObject({
      priority: 5,
      urgency: "high",
      timeoutSeconds: 10,
      callerInfo: { name: "Ada" },
      conversationHistory: [{ role: "user", content: "hi" }],
    });
    expect(Math.round((row.waitDeadlineAt.getTime() - row.createdAt.getTime()) / 1000)).toBe(10);
  });

  it("the same idempotencyKey returns the same case with created: false", async () => {
    const idempotencyKey = `idem-${rand()}`;
    const first = await create({ question: "Is the store open on Sunday?", idempotencyKey });
    const second = await create({ question: "Is the store open on Sunday?", idempotencyKey });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.case.id).toBe(first.case.id);
    // Still one row, and the kv shortcut is not the only thing that knows: clear it and retry.
    await deps.kv.del(`idem:${t.account.id}:${sha256(idempotencyKey)}`);
    const third = await create({ question: "Is the store open on Sunday?", idempotencyKey });
    expect(third).toMatchObject({ created: false, case: { id: first.case.id } });
    const rows = await deps.db
      .select()
      .from(cases)
      .where(and(eq(cases.accountId, t.account.id), eq(cases.idempotencyKey, idempotencyKey)));
    expect(rows).toHaveLength(1);
  });

  it("10 concurrent createCase calls with the same idempotencyKey create exactly one case", async () => {
    const idempotencyKey = `burst-${rand()}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => create({ question: "Burst?", idempotencyKey })));
    expect(new Set(results.map((r) => r.case.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const rows = await deps.db
      .select()
      .from(cases)
      .where(and(eq(cases.accountId, t.account.id), eq(cases.idempotencyKey, idempotencyKey)));
    expect(rows).toHaveLength(1);
    const msgs = await deps.db.select().from(caseMessages).where(eq(caseMessages.caseId, rows[0]!.id));
    expect(msgs).toHaveLength(1);
  });

  it("the same callId + question within 2 minutes is the same case; a different question is a new case", async () => {
    const callId = `call-${rand()}`;
    const a = await create({ question: "Where is my order?", callId });
    const b = await create({ question: "Where is my order?", callId });
    const c = await create({ question: "Can I cancel it?", callId });
    const d = await create({ question: "Where is my order?", callId: `${callId}-other` });
    expect(a.created).toBe(true);
    expect(b).toMatchObject({ created: false, case: { id: a.case.id } });
    expect(c.created).toBe(true);
    expect(c.case.id).not.toBe(a.case.id);
    expect(d.created).toBe(true);
    expect(d.case.id).not.toBe(a.case.id);
  });

  it("10 concurrent retries with the same callId + question (no idempotency key) create one case", async () => {
    const callId = `call-${rand()}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => create({ question: "Retell retry storm?", callId })));
    expect(new Set(results.map((r) => r.case.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(
      await deps.db
        .select()
        .from(cases)
        .where(and(eq(cases.accountId, t.account.id), eq(cases.callId, callId))),
    ).toHaveLength(1);
  });

  it("the same callId + question more than 2 minutes later is a new case", async () => {
    const callId = `call-${rand()}`;
    const a = await create({ question: "Late retry?", callId });
    await deps.db
      .update(cases)
      .set({ createdAt: new Date(Date.now() - 3 * 60_000) })
      .where(eq(cases.id, a.case.id));
    await deps.kv.del(`dedupe:${t.account.id}:${a.case.dedupeHash}`);
    const b = await create({ question: "Late retry?", callId });
    expect(b.created).toBe(true);
    expect(b.case.id).not.toBe(a.case.id);
  });

  it("the same idempotencyKey in another account is a different case", async () => {
    const other = await createTenant(deps.db);
    const idempotencyKey = `shared-${rand()}`;
    const mine = await create({ question: "Shared key?", idempotencyKey });
    const theirs = await createCase(deps, other.agent.principal, { question: "Shared key?", idempotencyKey }, { source: "api" });
    expect(theirs.created).toBe(true);
    expect(theirs.case.id).not.toBe(mine.case.id);
    expect(theirs.case.accountId).toBe(other.account.id);
  });
});
