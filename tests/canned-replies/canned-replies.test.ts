import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCannedReply, deleteCannedReply, listCannedReplies, updateCannedReply } from "@/lib/domains/canned-replies/canned-replies";
import { hasScope } from "@/lib/domains/auth/principal";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createTenant } from "@/tests/support/fixtures";
import { expectAppError } from "@/tests/hitl/helpers";

describe("canned replies", () => {
  let deps: TestDeps;
  let a: Awaited<ReturnType<typeof createTenant>>;
  let b: Awaited<ReturnType<typeof createTenant>>;

  beforeAll(async () => {
    deps = await createTestDeps();
    a = await createTenant(deps.db, "Canned A");
    b = await createTenant(deps.db, "Canned B");
  });
  afterAll(async () => {
    await deps?.close();
  });

  it("an operator creates, lists, edits and deletes the team's replies", async () => {
    const r = await createCannedReply(deps, a.operator, { shortcut: " Hours ", title: "Opening hours", body: "9 to 5." });
    expect(r).toMatchObject({ shortcut: "hours", title: "Opening hours", body: "9 to 5.", accountId: a.account.id });
    expect((await listCannedReplies(deps, a.account.id)).map((x) => x.shortcut)).toEqual(["hours"]);
    const u = await updateCannedReply(deps, a.operator, r.id, { body: "9 to 6." });
    expect(u.body).toBe("9 to 6.");
    await deleteCannedReply(deps, a.operator, r.id);
    expect(await listCannedReplies(deps, a.account.id)).toEqual([]);
  });

  it("a shortcut is unique per account, not across accounts", async () => {
    await createCannedReply(deps, a.operator, { shortcut: "thanks", body: "Thank you!" });
    await expectAppError(createCannedReply(deps, a.operator, { shortcut: "THANKS", body: "again" }), "conflict", /thanks already exists/);
    const other = await createCannedReply(deps, b.operator, { shortcut: "thanks", body: "B says thanks" });
    expect(other.accountId).toBe(b.account.id);
  });

  it("another account's reply is not found, and stays untouched", async () => {
    const mine = await createCannedReply(deps, a.operator, { shortcut: "mine", body: "A only" });
    await expectAppError(updateCannedReply(deps, b.operator, mine.id, { body: "hijack" }), "not_found");
    await expectAppError(deleteCannedReply(deps, b.operator, mine.id), "not_found");
    expect((await listCannedReplies(deps, b.account.id)).map((x) => x.shortcut)).not.toContain("mine");
    expect((await listCannedReplies(deps, a.account.id)).find((x) => x.id === mine.id)?.body).toBe("A only");
  });

  it("bad input names the field", async () => {
    await expectAppError(createCannedReply(deps, a.operator, { shortcut: "has space", body: "x" }), "validation_failed", /shortcut/);
    await expectAppError(createCannedReply(deps, a.operator, { shortcut: "ok", body: "  " }), "validation_failed", /body/);
    await expectAppError(updateCannedReply(deps, a.operator, "00000000-0000-0000-0000-000000000000", {}), "validation_failed");
  });

  it("answer keys may read but not manage; agent keys may do neither; operators manage", async () => {
    expect(hasScope(a.answerer.principal, "hitl:answer")).toBe(true);
    await expectAppError(createCannedReply(deps, a.answerer.principal, { shortcut: "nope", body: "x" }), "forbidden", /replies:write/);
    expect(hasScope(a.agent.principal, "hitl:answer")).toBe(false);
    await expectAppError(createCannedReply(deps, a.agent.principal, { shortcut: "nope", body: "x" }), "forbidden", /replies:write/);
    expect(hasScope(a.operator, "replies:write")).toBe(true);
  });
});
