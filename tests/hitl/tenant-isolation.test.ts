import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseRow } from "@/lib/adapters/db/schema";
import { claimCase } from "@/lib/domains/hitl/claim-case";
import { cancelCase } from "@/lib/domains/hitl/close-case";
import { createCase } from "@/lib/domains/hitl/create-case";
import { getCaseOrThrow } from "@/lib/domains/hitl/get-case";
import { listCases } from "@/lib/domains/hitl/list-cases";
import { listMessages } from "@/lib/domains/hitl/case-messages";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { cancelHumanRequest, getHumanAnswer } from "@/lib/domains/hitl/ask-human";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createTenant } from "@/tests/support/fixtures";
import { expectAppError } from "@/tests/hitl/helpers";

describe("tenant isolation", () => {
  let deps: TestDeps;
  let a: Awaited<ReturnType<typeof createTenant>>;
  let b: Awaited<ReturnType<typeof createTenant>>;
  let aCase: CaseRow;
  let bCase: CaseRow;

  beforeAll(async () => {
    deps = await createTestDeps();
    a = await createTenant(deps.db, "Tenant A");
    b = await createTenant(deps.db, "Tenant B");
    aCase = (await createCase(deps, a.agent.principal, { question: "A's secret question", sessionId: "shared-session" }, { source: "api" }))
      .case;
    bCase = (await createCase(deps, b.agent.principal, { question: "B's own question" }, { source: "api" })).case;
  });
  afterAll(async () => {
    await deps?.close();
  });

  const bPrincipals = () =>
    [
      ["B's agent key", b.agent.principal],
      ["B's answer key", b.answerer.principal],
      ["B's operator", b.operator],
    ] as const;

  it("tenant A can see its own case (control)", async () => {
    expect((await getCaseOrThrow(deps.db, a.account.id, aCase.id)).question).toBe("A's secret question");
  });

  it("getCaseOrThrow: A's case is not_found for B", async () => {
    await expectAppError(getCaseOrThrow(deps.db, b.account.id, aCase.id), "not_found");
  });

  it.each([0, 1, 2])("claimCase, postMessage, cancelCase, listMessages: not_found for B principal #%i", async (i) => {
    const [, p] = bPrincipals()[i]!;
    if (p.kind === "member" || p.scopes.includes("hitl:answer")) await expectAppError(claimCase(deps, p, aCase.id), "not_found");
    await expectAppError(postMessage(deps, p, aCase.id, { content: "Let me in" }), "not_found");
    await expectAppError(cancelCase(deps, p, aCase.id), "not_found");
    await expectAppError(listMessages(deps, p.accountId, aCase.id, { after: 0, waitSeconds: 0 }), "not_found");
    const row = await getCaseOrThrow(deps.db, a.account.id, aCase.id);
    expect(row).toMatchObject({ status: "open", answer: null, claimedByMemberId: null, claimedByKeyId: null });
    expect(await listMessages(deps, a.account.id, aCase.id, { after: 0, waitSeconds: 0 })).toHaveLength(1);
  });

  it("the agent tools refuse B too", async () => {
    await expectAppError(getHumanAnswer(deps, b.agent.principal, { caseId: aCase.id }), "not_found");
    await expectAppError(cancelHumanRequest(deps, b.agent.principal, { caseId: aCase.id }), "not_found");
    // A's session id means nothing in B's account.
    await expectAppError(getHumanAnswer(deps, b.agent.principal, { sessionId: "shared-session" }), "validation_failed");
    expect((await getHumanAnswer(deps, a.agent.principal, { sessionId: "shared-session" })).caseId).toBe(aCase.id);
  });

  it("listCases of B never returns A's cases, whatever the filter", async () => {
    for (const status of [undefined, ["open" as const], ["open" as const, "claimed" as const, "answered" as const]]) {
      const rows = (await listCases(deps, b.account.id, { status, limit: 200 })).cases;
      expect(rows.map((r) => r.id)).toEqual([bCase.id]);
    }
    const aRows = (await listCases(deps, a.account.id, { limit: 200 })).cases;
    expect(aRows.map((r) => r.id)).toEqual([aCase.id]);
  });
});
