import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heartbeat } from "@/lib/domains/presence/presence";
import { askHuman } from "@/lib/domains/hitl/ask-human";
import { getCaseOrThrow } from "@/lib/domains/hitl/get-case";
import { listCases } from "@/lib/domains/hitl/list-cases";
import { postMessage } from "@/lib/domains/hitl/post-message";
import type { TestDeps } from "@/tests/support/test-deps";
import { depsWithTenant, type Tenant } from "@/tests/support/fixtures";
import { rand, sleep, waitFor } from "@/tests/hitl/helpers";

describe("ask_human records how each wait ended (cases.wait_outcome)", () => {
  let deps: TestDeps;
  let t: Tenant;

  beforeAll(async () => ({ deps, t } = await depsWithTenant()));
  afterAll(async () => deps?.close());

  it("nobody online → unavailable; online but unanswered → pending; answered in time → answered", async () => {
    const gone = await askHuman(deps, t.agent.principal, { question: `anyone? ${rand()}` });
    expect(gone.status).toBe("unavailable");
    expect((await getCaseOrThrow(deps.db, t.account.id, gone.caseId!)).waitOutcome).toBe("unavailable");

    await heartbeat(deps, t.answerer.principal);
    const slow = await askHuman(deps, t.agent.principal, { question: `slow ${rand()}`, timeoutSeconds: 5 });
    expect(slow.status).toBe("pending");
    const pendingRow = await getCaseOrThrow(deps.db, t.account.id, slow.caseId!);
    expect([pendingRow.status, pendingRow.waitOutcome]).toEqual(["open", "pending"]);

    const idem = `idem-${rand()}`;
    const answering = (async () => {
      for (let i = 0; i < 200; i++) {
        const c = (await listCases(deps, t.account.id, { limit: 50 })).cases.find((r) => r.idempotencyKey === idem);
        if (c) return postMessage(deps, t.operator, c.id, { content: "Yes, we open at nine." });
        await sleep(20);
      }
    })();
    const fast = await askHuman(deps, t.agent.principal, { question: `fast ${rand()}`, idempotencyKey: idem, timeoutSeconds: 10 });
    await answering;
    expect(fast.status).toBe("answered");
    // Noted just after the answer is returned (the agent does not wait for bookkeeping).
    await waitFor(async () => (await getCaseOrThrow(deps.db, t.account.id, fast.caseId!)).waitOutcome === "answered");
  });
});
