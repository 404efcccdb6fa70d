import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog } from "@/lib/adapters/db/schema";
import { checkMemberPassword, createMember } from "@/lib/domains/members/members";
import { verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { createSession, resolveSession } from "@/lib/domains/auth/sessions";
import { countOnline, heartbeat } from "@/lib/domains/presence/presence";
import type { Principal } from "@/lib/domains/auth/principal";
import { addMember } from "@/lib/domains/members/add-member";
import { setMemberActive } from "@/lib/domains/members/set-member-active";
import { createKeyForAccount, listKeysForAccount, revokeKeyForAccount } from "@/lib/domains/api-keys/manage-api-keys";
import { listAccountMembers } from "@/lib/domains/members/list-account-members";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createTenant } from "@/tests/support/fixtures";
import { addKey, expectAppError, rand } from "@/tests/hitl/helpers";

type Member = Extract<Principal, { kind: "member" }>;

describe("members and API keys (admin domain rules)", () => {
  let deps: TestDeps;
  let t: Awaited<ReturnType<typeof createTenant>>;
  let other: Awaited<ReturnType<typeof createTenant>>;
  let admin: Member;

  async function newAdmin(accountId: string): Promise<Member> {
    const email = `admin-${rand()}@example.test`;
    const m = await createMember(deps.db, accountId, { email, password: "admin password 1", role: "admin", name: "Ada Admin" });
    return { kind: "member", accountId, memberId: m.id, role: "admin", email, name: m.name };
  }

  beforeAll(async () => {
    deps = await createTestDeps();
    t = await createTenant(deps.db);
    other = await createTenant(deps.db);
    admin = await newAdmin(t.account.id);
  });
  afterAll(async () => {
    await deps?.close();
  });

  it("an admin adds an operator with a generated password, shown once, that signs in", async () => {
    const email = `new-${rand()}@example.test`;
    const r = await addMember(deps, admin, { email, name: "Nora New", role: "operator" });
    expect(r.member).toMatchObject({ email, name: "Nora New", role: "operator", active: true, accountId: t.account.id });
    expect(r.generatedPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await checkMemberPassword(deps.db, email, r.generatedPassword!)).toBeTruthy();
    expect(JSON.stringify(await listAccountMembers(deps, admin))).not.toContain(r.generatedPassword!);
    const withPassword = await addMember(deps, admin, { email: `p-${rand()}@example.test`, role: "admin", password: "chosen password" });
    expect(withPassword.generatedPassword).toBeUndefined();
    const [audit] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, r.member.id), eq(auditLog.action, "member.created")));
    expect(audit).toMatchObject({ actorType: "member", actorId: admin.memberId });
  });

  it("bad input names the field; a duplicate email is a conflict; operators and non-admin keys are refused", async () => {
    await expectAppError(addMember(deps, admin, { email: "not-an-email", role: "operator" }), "validation_failed", /email/);
    await expectAppError(addMember(deps, admin, { email: `x-${rand()}@example.test`, role: "owner" }), "validation_failed", /role/);
    await expectAppError(
      addMember(deps, admin, { email: `x-${rand()}@example.test`, role: "operator", password: "short" }),
      "validation_failed",
      /password/,
    );
    await expectAppError(addMember(deps, admin, { email: t.operatorEmail, role: "operator" }), "conflict", /already a member/);
    await expectAppError(addMember(deps, t.operator, { email: `x-${rand()}@example.test`, role: "operator" }), "forbidden");
    await expectAppError(listAccountMembers(deps, t.agent.principal), "forbidden");
    const adminKey = await addKey(deps.db, t.account.id, ["admin"]);
    expect((await addMember(deps, adminKey, { email: `k-${rand()}@example.test`, role: "operator" })).member.accountId).toBe(t.account.id);
  });

  it("deactivation ends sessions and presence at once, blocks sign-in; reactivation restores sign-in", async () => {
    const email = `d-${rand()}@example.test`;
    const { member } = await addMember(deps, admin, { email, role: "operator", password: "operator password" });
    const session = await createSession(deps, member.id);
    const p = (await resolveSession(deps.db, session.token))!;
    await heartbeat(deps, p);
    const before = await countOnline(deps.kv, t.account.id);
    const off = await setMemberActive(deps, admin, { memberId: member.id, active: false });
    expect(off.active).toBe(false);
    expect(await resolveSession(deps.db, session.token)).toBeNull();
    expect(await countOnline(deps.kv, t.account.id)).toBe(before - 1);
    expect(await checkMemberPassword(deps.db, email, "operator password")).toBeNull();
    // Reactivating does not revive the old session; a fresh sign-in works.
    await setMemberActive(deps, admin, { memberId: member.id, active: true });
    expect(await resolveSession(deps.db, session.token)).toBeNull();
    expect(await checkMemberPassword(deps.db, email, "operator password")).toBeTruthy();
    const actions = (await deps.db.select().from(auditLog).where(eq(auditLog.entityId, member.id))).map((r) => r.action);
    expect(actions).toEqual(["member.created", "member.deactivated", "member.reactivated"]);
  });

  it("an admin cannot deactivate themselves, nor the last active admin; other tenants' members are not found", async () => {
    const fresh = await createTenant(deps.db);
    const only = await newAdmin(fresh.account.id);
    await expectAppError(setMemberActive(deps, only, { memberId: only.memberId, active: false }), "conflict", /yourself/);
    const key = await addKey(deps.db, fresh.account.id, ["admin"]);
    await expectAppError(setMemberActive(deps, key, { memberId: only.memberId, active: false }), "conflict", /last active admin/);
    const second = await newAdmin(fresh.account.id);
    await setMemberActive(deps, only, { memberId: second.memberId, active: false });
    await expectAppError(setMemberActive(deps, key, { memberId: only.memberId, active: false }), "conflict", /last active admin/);
    await expectAppError(setMemberActive(deps, admin, { memberId: only.memberId, active: false }), "not_found");
    await expectAppError(setMemberActive(deps, admin, { memberId: "nope", active: false }), "not_found");
  });

  it("two admins deactivating each other at once: exactly one succeeds", async () => {
    const fresh = await createTenant(deps.db);
    const [x, y] = [await newAdmin(fresh.account.id), await newAdmin(fresh.account.id)];
    const results = await Promise.allSettled([
      setMemberActive(deps, x, { memberId: y.memberId, active: false }),
      setMemberActive(deps, y, { memberId: x.memberId, active: false }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("API keys: created with scopes and shown once, listed by prefix, revoked; admin only; per account", async () => {
    const { key, apiKey } = await createKeyForAccount(deps, admin, { name: "Retell prod", scopes: ["hitl:ask", "calls:read"] });
    expect(key.startsWith(`${apiKey.prefix}_`)).toBe(true);
    expect((await verifyApiKey(deps, key, 0))?.scopes).toEqual(["hitl:ask", "calls:read"]);
    const listed = (await listKeysForAccount(deps, admin)).find((k) => k.id === apiKey.id)!;
    expect(listed).toMatchObject({ name: "Retell prod", prefix: apiKey.prefix, revokedAt: null });
    expect(JSON.stringify(await listKeysForAccount(deps, admin))).not.toContain(key);
    await expectAppError(createKeyForAccount(deps, admin, { name: "x", scopes: ["root"] }), "validation_failed", /scope/);
    await expectAppError(createKeyForAccount(deps, admin, { name: "", scopes: ["admin"] }), "validation_failed", /name/);
    await expectAppError(createKeyForAccount(deps, t.operator, { name: "x", scopes: ["admin"] }), "forbidden");
    const otherAdmin = await newAdmin(other.account.id);
    await expectAppError(revokeKeyForAccount(deps, otherAdmin, apiKey.id), "not_found");
    expect((await listKeysForAccount(deps, otherAdmin)).some((k) => k.id === apiKey.id)).toBe(false);
    await revokeKeyForAccount(deps, admin, apiKey.id);
    expect(await verifyApiKey(deps, key, 0)).toBeNull();
    await expectAppError(revokeKeyForAccount(deps, admin, apiKey.id), "not_found");
  });
});
