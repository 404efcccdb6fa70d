import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heartbeat } from "@/lib/domains/presence/presence";
import { askHuman, cancelHumanRequest, getHumanAnswer } from "@/lib/domains/hitl/ask-human";
import { getCaseOrThrow } from "@/lib/domains/hitl/get-case";
import { listCases } from "@/lib/domains/hitl/list-cases";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createTenant } from "@/tests/support/fixtures";
import { expectAppError, rand, sleep, waitFor } from "@/tests/hitl/helpers";

/** The answer arrives `ms` after the agent's case (found by its idempotency key) appears. */
function answerLater(deps: TestDeps, t: Awaited<ReturnType<typeof createTenant>>, idempotencyKey: string, ms: number, answer: string) {
  return (async () => {
    const until = Date.now() + 5_000;
    let caseId: string | undefined;
    while (!caseId && Date.now() < until) {
      await sleep(10);
      caseId = (await listCases(deps, t.account.id, { limit: 200 })).cases.find((c) => c.idempotencyKey === idempotencyKey)?.id;
    }
    await sleep(ms);
    await postMessage(deps, t.operator, caseId!, { content: answer });
    return caseId!;
  })();
}

describe("askHuman / getHumanAnswer / cancelHumanRequest", () => {
  let deps: TestDeps;
  let t: Awaited<ReturnType<typeof createTenant>>;

  beforeAll(async () => {
    // Re-reads every 20 s: within these tests only the event bus can wake a waiter in time.
    deps = await createTestDeps({ HITL_RECHECK_INTERVAL_MS: "20000", HITL_PROGRESS_INTERVAL_MS: "300" });
    t = await createTenant(deps.db);
    await heartbeat(deps, t.answerer.principal);
  });
  afterAll(async () => {
    await deps?.close();
  });

  it("with nobody online it returns 'unavailable' at once, and the case stays open for later", async () => {
    const lonely = await createTenant(deps.db);
    const started = Date.now();
    const res = await askHuman(deps, lonely.agent.principal, { question: "Anyone there?", timeoutSeconds: 30 });
    // "At once" means without waiting out the 30 s: the bound is that, not how fast this machine is.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(res).toMatchObject({ status: "unavailable", message: deps.config.FALLBACK_UNAVAILABLE });
    expect(res.answer).toBeUndefined();
    expect((await getCaseOrThrow(deps.db, lonely.account.id, res.caseId!)).status).toBe("open");
  });

  it("with someone online it waits, and the event bus delivers the exact answer within moments", async () => {
    const idempotencyKey = `ask-${rand()}`;
    const answering = answerLater(deps, t, idempotencyKey, 200, "Yes — we're open until 8 pm tonight.");
    const started = Date.now();
    const res = await askHuman(deps, t.agent.principal, { question: "Are you open late?", timeoutSeconds: 30, idempotencyKey });
    const elapsed = Date.now() - started;
    const caseId = await answering;
    expect(res).toEqual({
      status: "answered",
      caseId,
      answer: "Yes — we're open until 8 pm tonight.",
      message: "Yes — we're open until 8 pm tonight.",
    });
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(elapsed).toBeLessThan(15_000); // woken by the bus: the re-read (20 s) and the deadline (30 s) are later
  });

  it("retrying a question that was already answered returns the answer at once, even with nobody online", async () => {
    const lonely = await createTenant(deps.db);
    const idempotencyKey = `retry-${rand()}`;
    const first = await askHuman(deps, lonely.agent.principal, { question: "Retry me?", idempotencyKey });
    expect(first.status).toBe("unavailable");
    await postMessage(deps, lonely.operator, first.caseId!, { content: "Answered meanwhile." });
    const retry = await askHuman(deps, lonely.agent.principal, { question: "Retry me?", idempotencyKey });
    expect(retry).toEqual({ status: "answered", caseId: first.caseId, answer: "Answered meanwhile.", message: "Answered meanwhile." });
  });

  it("a hitl:answer-only key may not ask", async () => {
    await expectAppError(askHuman(deps, t.answerer.principal, { question: "Me?" }), "forbidden", /hitl:ask/);
  });

  it("without an answer it gives up after timeoutSeconds with 'pending'; getHumanAnswer then waits and gets the answer", async () => {
    const started = Date.now();
    const res = await askHuman(deps, t.agent.principal, {
      question: "Can I get a discount?",
      timeoutSeconds: 5,
      sessionId: `sess-${rand()}`,
    });
    const elapsed = Date.now() - started;
    expect(res).toMatchObject({ status: "pending", message: deps.config.FALLBACK_TIMEOUT });
    expect(elapsed).toBeGreaterThanOrEqual(4_500);
    expect(elapsed).toBeLessThan(15_000); // at its own deadline, not the 20 s re-read or the 45 s default
    const caseId = res.caseId!;
    expect((await getCaseOrThrow(deps.db, t.account.id, caseId)).status).toBe("open");

    // Without waiting: still pending.
    expect(await getHumanAnswer(deps, t.agent.principal, { caseId })).toMatchObject({ status: "pending", caseId });

    const later = sleep(300).then(() => postMessage(deps, t.operator, caseId, { content: "10% off for you." }));
    const waitStarted = Date.now();
    const got = await getHumanAnswer(deps, t.agent.principal, { caseId, waitSeconds: 30 });
    await later;
    expect(got).toEqual({ status: "answered", caseId, answer: "10% off for you.", message: "10% off for you." });
    expect(Date.now() - waitStarted).toBeLessThan(15_000); // woken by the answer, not by the 20 s re-read or the 30 s wait
  });

  it("getHumanAnswer finds the case by sessionId, and needs a caseId or a known session", async () => {
    const sessionId = `sess-${rand()}`;
    const lonely = await createTenant(deps.db);
    const asked = await askHuman(deps, lonely.agent.principal, { question: "Session lookup?", sessionId });
    await postMessage(deps, lonely.operator, asked.caseId!, { content: "Found it." });
    expect(await getHumanAnswer(deps, lonely.agent.principal, { sessionId })).toMatchObject({
      status: "answered",
      caseId: asked.caseId,
      answer: "Found it.",
    });
    await expectAppError(getHumanAnswer(deps, lonely.agent.principal, { sessionId: "never-seen" }), "validation_failed", /caseId/);
  });

  it("cancelHumanRequest withdraws the question; on an answered case it returns the answer instead", async () => {
    const lonely = await createTenant(deps.db);
    const open = await askHuman(deps, lonely.agent.principal, { question: "Never mind?" });
    const cancelled = await cancelHumanRequest(deps, lonely.agent.principal, { caseId: open.caseId! });
    expect(cancelled).toEqual({ status: "cancelled", caseId: open.caseId, message: deps.config.FALLBACK_CANCELLED });
    expect((await getCaseOrThrow(deps.db, lonely.account.id, open.caseId!)).status).toBe("cancelled");
    expect(await getHumanAnswer(deps, lonely.agent.principal, { caseId: open.caseId! })).toMatchObject({ status: "cancelled" });
    await expectAppError(postMessage(deps, lonely.operator, open.caseId!, { content: "too late" }), "conflict");

    const answered = await askHuman(deps, lonely.agent.principal, { question: "Answered first?" });
    await postMessage(deps, lonely.operator, answered.caseId!, { content: "Already answered." });
    expect(await cancelHumanRequest(deps, lonely.agent.principal, { caseId: answered.caseId! })).toEqual({
      status: "answered",
      caseId: answered.caseId,
      answer: "Already answered.",
      message: "Already answered.",
    });
    expect((await getCaseOrThrow(deps.db, lonely.account.id, answered.caseId!)).status).toBe("answered");
  });

  it("a waiting agent whose request is cancelled elsewhere hears 'cancelled' at once", async () => {
    const idempotencyKey = `cancel-${rand()}`;
    const asking = askHuman(deps, t.agent.principal, { question: "Cancel me while I wait?", timeoutSeconds: 30, idempotencyKey });
    const c = await waitFor(async () =>
      (await listCases(deps, t.account.id, { limit: 200 })).cases.find((r) => r.idempotencyKey === idempotencyKey),
    );
    await sleep(100);
    const cancelledAt = Date.now();
    await cancelHumanRequest(deps, t.agent.principal, { caseId: c.id });
    expect(await asking).toEqual({ status: "cancelled", caseId: c.id, message: deps.config.FALLBACK_CANCELLED });
    expect(Date.now() - cancelledAt).toBeLessThan(15_000); // woken by the event, not the 20 s re-read or the 30 s wait
  });

  it("calls onProgress about every HITL_PROGRESS_INTERVAL_MS while waiting", async () => {
    const idempotencyKey = `progress-${rand()}`;
    const answering = answerLater(deps, t, idempotencyKey, 1_050, "Progress done.");
    const calls: Array<[number, number]> = [];
    const started = Date.now();
    const res = await askHuman(
      deps,
      t.agent.principal,
      { question: "Slow one?", timeoutSeconds: 20, idempotencyKey },
      { onProgress: (e, total) => void calls.push([e, total]) },
    );
    const waited = Date.now() - started;
    await answering;
    expect(res.status).toBe("answered");
    // At least ~1.1 s of waiting at 300 ms intervals (longer on a busy machine): one call per interval
    // waited, never more often, each saying how long it has waited so far.
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.length).toBeLessThanOrEqual(Math.floor(waited / 300) + 1);
    calls.forEach(([elapsed, total], i) => {
      expect(total).toBeGreaterThan(15_000);
      expect(total).toBeLessThanOrEqual(20_000);
      expect(elapsed).toBeGreaterThanOrEqual(300 * (i + 1) - 20);
      expect(elapsed).toBeLessThanOrEqual(waited + 20);
      if (i > 0) expect(elapsed - calls[i - 1]![0]).toBeGreaterThanOrEqual(280);
    });
  });

  it("an aborted signal ends the wait promptly and leaves the case open", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const res = await askHuman(
      deps,
      t.agent.principal,
      { question: "Hang up mid-wait?", timeoutSeconds: 30 },
      { signal: controller.signal },
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(15_000); // ended by the abort, not by the 30 s deadline
    expect(res).toMatchObject({ status: "pending", message: deps.config.FALLBACK_TIMEOUT });
    expect((await getCaseOrThrow(deps.db, t.account.id, res.caseId!)).status).toBe("open");
  });
});
