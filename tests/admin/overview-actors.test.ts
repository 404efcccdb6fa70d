import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heartbeat } from "@/lib/domains/presence/presence";
import { revokeApiKey } from "@/lib/domains/api-keys/api-keys";
import { createCase } from "@/lib/domains/hitl/create-case";
import { getOverview } from "@/lib/domains/metrics/get-overview";
import { actorLabel, actorNames } from "@/lib/domains/audit/actor-names";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createTenant } from "@/tests/support/fixtures";

describe("admin overview and actor names (per account)", () => {
  let deps: TestDeps;
  let t: Awaited<ReturnType<typeof createTenant>>;
  let other: Awaited<ReturnType<typeof createTenant>>;

  beforeAll(async () => {
    deps = await createTestDeps();
    t = await createTenant(deps.db);
    other = await createTenant(deps.db);
  });
  afterAll(async () => {
    await deps?.close();
  });

  it("counts this account's open cases, online answerers, active keys and members only", async () => {
    await createCase(deps, t.agent.principal, { question: "one" }, { source: "api" });
    await createCase(deps, t.agent.principal, { question: "two" }, { source: "api" });
    await createCase(deps, other.agent.principal, { question: "theirs" }, { source: "api" });
    await heartbeat(deps, t.operator);
    await revokeApiKey(deps.db, { accountId: t.account.id, idOrPrefix: t.answerer.principal.keyId });
    const o = await getOverview(deps, t.account.id);
    expect(o).toMatchObject({
      openCases: 2,
      claimedCases: 0,
      escalations24h: 2,
      onlineOperators: 1,
      activeKeys: 1,
      members: { operators: 1, admins: 0, inactive: 0 },
    });
    expect(o.health.map((h) => [h.name, h.ok])).toEqual([
      ["Database", true],
      ["Key-value store", true],
      ["Event bus", true],
    ]);
  });

  it("names members and keys of the account; another account's ids are not resolved", async () => {
    const mine = { type: "member" as const, id: t.operator.kind === "member" ? t.operator.memberId : null };
    const key = { type: "api_key" as const, id: t.agent.principal.keyId };
    const theirs = { type: "member" as const, id: other.operator.kind === "member" ? other.operator.memberId : null };
    const names = await actorNames(deps.db, t.account.id, [mine, key, theirs, { type: "system", id: null }]);
    expect(actorLabel(names, mine)).toBe("Olive Operator");
    expect(actorLabel(names, key)).toBe(`API key ${t.agent.principal.keyPrefix} (agent)`);
    expect(actorLabel(names, theirs)).toBe("member (removed)");
    expect(actorLabel(names, { type: "system", id: null })).toBe("system");
  });
});
