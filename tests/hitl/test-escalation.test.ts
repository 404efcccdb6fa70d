import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heartbeat } from "@/lib/domains/presence/presence";
import { listCases } from "@/lib/domains/hitl/list-cases";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { claimCase } from "@/lib/domains/hitl/claim-case";
import { getCaseOrThrow } from "@/lib/domains/hitl/get-case";
import { sendTestEscalation, TEST_QUESTION } from "@/lib/domains/hitl/send-test-escalation";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createTenant } from "@/tests/support/fixtures";
import { expectAppError, waitFor } from "@/tests/hitl/helpers";

describe("send a test escalation (the console's empty queue)", () => {
  let deps: TestDeps;
  let t: Awaited<ReturnType<typeof createTenant>>;
  beforeAll(async () => {
    deps = await createTestDeps({ HITL_RECHECK_INTERVAL_MS: "20000" });
    t = await createTenant(deps.db);
  });
  afterAll(async () => deps?.close());

  it("nobody online: the test agent is told so at once, as a real agent would be", async () => {
    const r = await sendTestEscalation(deps, t.operator, {});
    expect(r.status).toBe("unavailable");
    expect(r.message).toBe(deps.config.FALLBACK_UNAVAILABLE);
    // Nobody will hear a later answer: the test case leaves the queue instead of waiting there for no one.
    expect((await getCaseOrThrow(deps.db, t.account.id, r.caseId!)).status).toBe("cancelled");
  });

  it("the test agent stops waiting: it hears the timeout sentence and its case is withdrawn (no retry blocked)", async () => {
    await heartbeat(deps, t.operator);
    const r = await sendTestEscalation(deps, t.operator, { timeoutSeconds: 5 });
    expect(r.status).toBe("pending");
    expect(r.message).toBe(deps.config.FALLBACK_TIMEOUT);
    expect((await getCaseOrThrow(deps.db, t.account.id, r.caseId!)).status).toBe("cancelled");
    const live = await listCases(deps, t.account.id, { status: ["open", "claimed"], limit: 50 });
    expect(live.cases.filter((c) => c.question === TEST_QUESTION)).toEqual([]);
  });

  it("the console names its test (testId), so it can find the case in its queue: callId test_<testId>", async () => {
    await heartbeat(deps, t.operator, "away");
    const testId = "7b0c5c4e-3f5e-4c38-9a39-1d2f0a6f4c11";
    const r = await sendTestEscalation(deps, t.operator, { testId });
    expect((await getCaseOrThrow(deps.db, t.account.id, r.caseId!)).callId).toBe(`test_${testId}`);
    await expectAppError(sendTestEscalation(deps, t.operator, { testId: "nope" }), "validation_failed", /testId/);
  });

  it("an operator (no hitl:ask) sends one, answers it, and the waiting call returns exactly that answer", async () => {
    await heartbeat(deps, t.operator);
    const waiting = sendTestEscalation(deps, t.operator, { timeoutSeconds: 30 });
    const open = await waitFor(async () =>
      (await listCases(deps, t.account.id, { status: ["open"], limit: 50 })).cases.find(
        (c) => c.question === TEST_QUESTION && c.waitOutcome === null && c.status === "open",
      ),
    );
    expect(open.source).toBe("test");
    expect(open.callerInfo).toEqual({ name: "Test caller" });
    await claimCase(deps, t.operator, open.id);
    await postMessage(deps, t.operator, open.id, { content: "Yes, 9 am to 1 pm on Sundays." });
    expect(await waiting).toEqual({
      status: "answered",
      caseId: open.id,
      answer: "Yes, 9 am to 1 pm on Sundays.",
      message: "Yes, 9 am to 1 pm on Sundays.",
    });
  });

  it("every click is its own case (never deduplicated as a retry)", async () => {
    await heartbeat(deps, t.operator, "away");
    const a = await sendTestEscalation(deps, t.operator, {});
    const b = await sendTestEscalation(deps, t.operator, {});
    expect(a.caseId).not.toBe(b.caseId);
  });

  it("needs an answerer: an agent key (hitl:ask only) gets 403 naming hitl:answer; odd input names the field", async () => {
    await expectAppError(sendTestEscalation(deps, t.agent.principal, {}), "forbidden", /hitl:answer/);
    await expectAppError(sendTestEscalation(deps, t.operator, { timeoutSeconds: 500 }), "validation_failed", /timeoutSeconds/);
    await expectAppError(sendTestEscalation(deps, t.operator, { question: "mine" }), "validation_failed", /question/);
  });
});
