import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkMemberPassword, createMember } from "@/lib/domains/members/members";
import { hashPassword, sha256, verifyPassword } from "@/lib/domains/auth/secrets";
import { createSession, endSession, resolveSession } from "@/lib/domains/auth/sessions";
import { createAccount } from "@/lib/domains/accounts/accounts";
import { members, memberSessions } from "@/lib/adapters/db/schema";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { expectAppError, rand } from "@/tests/hitl/helpers";

describe("passwords", () => {
  it("hashPassword produces a salted scrypt hash that verifyPassword accepts only for the right password", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse battery", b)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("", a)).toBe(false);
    expect(await verifyPassword("correct horse battery", "plain-text")).toBe(false);
  });
});

describe("members and sessions", () => {
  let deps: TestDeps;
  let accountId: string;

  beforeAll(async () => {
    deps = await createTestDeps();
    accountId = (await createAccount(deps.db, { name: "People Inc" })).account.id;
  });
  afterAll(async () => {
    await deps?.close();
  });

  const newMember = (overrides: Record<string, unknown> = {}) =>
    createMember(deps.db, accountId, {
      email: `p-${rand()}@example.test`,
      password: "long enough password",
      role: "operator",
      ...overrides,
    } as never);

  it("creates a member (email normalised, password only hashed) and checks the password", async () => {
    const email = `Grace.${rand()}@Example.TEST`;
    const m = await newMember({ email: `  ${email} `, name: "Grace" });
    expect(m).toMatchObject({ email: email.toLowerCase(), name: "Grace", role: "operator", active: true, accountId });
    expect(JSON.stringify(m)).not.toContain("long enough password");
    const [row] = await deps.db.select().from(members).where(eq(members.id, m.id));
    expect(row!.passwordHash).not.toContain("long enough password");
    expect(await verifyPassword("long enough password", row!.passwordHash)).toBe(true);

    expect((await checkMemberPassword(deps.db, email.toUpperCase(), "long enough password"))?.id).toBe(m.id);
    expect(await checkMemberPassword(deps.db, email, "wrong password!")).toBeNull();
    expect(await checkMemberPassword(deps.db, "nobody@example.test", "long enough password")).toBeNull();
  });

  it.each([
    [{ password: "short" }, /password: must be at least 8 characters/],
    [{ email: "not-an-email" }, /email: must be an email address/],
    [{ role: "owner" }, /role: must be operator or admin/],
  ])("rejects %j with a message naming the field", async (overrides, message) => {
    await expectAppError(newMember(overrides), "validation_failed", message);
  });

  it("rejects a duplicate email (whatever its case) naming the email field", async () => {
    const email = `dup-${rand()}@example.test`;
    await newMember({ email });
    await expectAppError(newMember({ email: email.toUpperCase() }), "conflict", new RegExp(`^email: ${email} is already a member`));
    const rows = await deps.db.select().from(members).where(eq(members.email, email));
    expect(rows).toHaveLength(1);
  });

  it("of simultaneous sign-ups with one email, one wins and the others get the same field-naming conflict", async () => {
    const email = `race-${rand()}@example.test`;
    const settled = await Promise.allSettled(Array.from({ length: 5 }, () => newMember({ email })));
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    for (const s of settled.filter((s): s is PromiseRejectedResult => s.status === "rejected")) {
      expect(s.reason).toMatchObject({ code: "conflict", message: `email: ${email} is already a member` });
    }
    expect(await deps.db.select().from(members).where(eq(members.email, email))).toHaveLength(1);
  });

  it("an inactive member cannot sign in", async () => {
    const email = `gone-${rand()}@example.test`;
    const m = await newMember({ email });
    await deps.db.update(members).set({ active: false }).where(eq(members.id, m.id));
    expect(await checkMemberPassword(deps.db, email, "long enough password")).toBeNull();
  });

  it("createSession → resolveSession gives the member principal; endSession signs out", async () => {
    const m = await newMember({ name: "Sam", role: "admin" });
    const { token, expiresAt } = await createSession(deps, m.id);
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 3600_000);

    const [stored] = await deps.db.select().from(memberSessions).where(eq(memberSessions.memberId, m.id));
    expect(stored!.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await deps.db.select().from(members).where(eq(members.id, m.id)))[0]!.lastLoginAt).toBeInstanceOf(Date);

    expect(await resolveSession(deps.db, token)).toEqual({
      kind: "member",
      accountId,
      memberId: m.id,
      role: "admin",
      email: m.email,
      name: "Sam",
    });
    expect(await resolveSession(deps.db, `${token}x`)).toBeNull();
    expect(await resolveSession(deps.db, sha256(token))).toBeNull();

    await endSession(deps.db, token);
    expect(await resolveSession(deps.db, token)).toBeNull();
    expect(await deps.db.select().from(memberSessions).where(eq(memberSessions.memberId, m.id))).toEqual([]);
  });

  it("ending one session leaves the member's other sessions alone", async () => {
    const m = await newMember();
    const one = await createSession(deps, m.id);
    const two = await createSession(deps, m.id);
    await endSession(deps.db, one.token);
    expect(await resolveSession(deps.db, one.token)).toBeNull();
    expect((await resolveSession(deps.db, two.token))?.memberId).toBe(m.id);
  });

  it("an expired session, or one of a deactivated member, does not resolve", async () => {
    const m = await newMember();
    const expired = await createSession(deps, m.id);
    await deps.db
      .update(memberSessions)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(memberSessions.tokenHash, sha256(expired.token)));
    expect(await resolveSession(deps.db, expired.token)).toBeNull();

    const live = await createSession(deps, m.id);
    expect(await resolveSession(deps.db, live.token)).not.toBeNull();
    await deps.db.update(members).set({ active: false }).where(eq(members.id, m.id));
    expect(await resolveSession(deps.db, live.token)).toBeNull();
  });
});
