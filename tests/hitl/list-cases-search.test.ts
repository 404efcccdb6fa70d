import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "@/lib/domains/hitl/create-case";
import { listCases } from "@/lib/domains/hitl/list-cases";
import { decodeCursor } from "@/lib/platform/validation/cursor";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createTenant } from "@/tests/support/fixtures";
import { sleep } from "@/tests/hitl/helpers";

describe("listCases: text search and cursor (console history)", () => {
  let deps: TestDeps;
  let a: Awaited<ReturnType<typeof createTenant>>;
  let b: Awaited<ReturnType<typeof createTenant>>;

  beforeAll(async () => {
    deps = await createTestDeps();
    a = await createTenant(deps.db, "Search A");
    b = await createTenant(deps.db, "Search B");
    const ask = (t: typeof a, question: string, extra: Record<string, unknown> = {}) =>
      createCase(deps, t.agent.principal, { question, ...extra }, { source: "api" });
    const refund = (await ask(a, "Can I get a refund for order 42?")).case;
    await postMessage(deps, a.operator, refund.id, { content: "Yes, within 30 days." });
    await sleep(5);
    await ask(a, "Where is my parcel?", { callerInfo: { name: "Zelda Quux" } });
    await sleep(5);
    await ask(a, "Is 100% cotton_shirt in stock?");
    await ask(b, "Refund please (tenant B)");
  });
  afterAll(async () => {
    await deps?.close();
  });

  const search = (q: string, extra: Record<string, unknown> = {}) =>
    listCases(deps, a.account.id, { limit: 50, q, ...extra }).then((r) => r.cases.map((c) => c.question));

  it("matches question, answer and caller info case-insensitively, within the account only", async () => {
    expect(await search("REFUND")).toEqual(["Can I get a refund for order 42?"]);
    expect(await search("30 days")).toEqual(["Can I get a refund for order 42?"]);
    expect(await search("zelda")).toEqual(["Where is my parcel?"]);
  });

  it("treats % and _ as literal characters", async () => {
    expect(await search("100%")).toEqual(["Is 100% cotton_shirt in stock?"]);
    expect(await search("n_s")).toEqual(["Is 100% cotton_shirt in stock?"]);
    expect(await search("%")).toEqual(["Is 100% cotton_shirt in stock?"]);
  });

  it("combines with status and pages with the cursor", async () => {
    expect(await search("refund", { status: ["answered"] })).toHaveLength(1);
    expect(await search("refund", { status: ["open"] })).toHaveLength(0);
    const page1 = await listCases(deps, a.account.id, { limit: 2 });
    expect(page1.cases).toHaveLength(2);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const cursor = decodeCursor(page1.nextCursor!)!;
    expect(cursor).toEqual({ t: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/), id: page1.cases.at(-1)!.id });
    const page2 = await listCases(deps, a.account.id, { limit: 2, cursor });
    expect(page2.cases.map((c) => c.question)).toEqual(["Can I get a refund for order 42?"]);
    expect(page2.nextCursor).toBeNull();
    // The same cursor in another account shows none of this account's cases (B's one case is newer than it).
    expect((await listCases(deps, b.account.id, { limit: 2, cursor })).cases).toEqual([]);
  });

  it("still pages with the deprecated before/nextBefore pair", async () => {
    const page1 = await listCases(deps, a.account.id, { limit: 2 });
    expect(page1.nextBefore).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const page2 = await listCases(deps, a.account.id, { limit: 2, before: page1.nextBefore! });
    expect(page2.cases.map((c) => c.question)).toEqual(["Can I get a refund for order 42?"]);
    expect(page2.nextBefore).toBeNull();
  });
});
