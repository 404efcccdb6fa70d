import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkMemberPassword } from "@/lib/domains/members/members";
import { createSession, resolveSession } from "@/lib/domains/auth/sessions";
import { createAccount } from "@/lib/domains/accounts/accounts";
import { changeOwnPassword, resetMemberPassword, WRONG_CURRENT_PASSWORD } from "@/lib/domains/members/change-password";
import { runCommand, type CliIo } from "@/cli/commands";
import { parseInvocation, USAGE } from "@/cli/invocation";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { addMember, expectAppError } from "@/tests/hitl/helpers";

describe("password change and reset", () => {
  let deps: TestDeps;
  let accountId: string;
  beforeAll(async () => {
    deps = await createTestDeps();
    accountId = (await createAccount(deps.db, { name: "Passwords" })).account.id;
  });
  afterAll(async () => deps?.close());

  it("a member changes their password with the current one; their other sessions end, this one stays", async () => {
    const m = await addMember(deps.db, accountId);
    const here = await createSession(deps, m.memberId);
    const elsewhere = await createSession(deps, m.memberId);
    const other = await addMember(deps.db, accountId);
    const othersSession = await createSession(deps, other.memberId);
    const r = await changeOwnPassword(deps.db, {
      memberId: m.memberId,
      sessionToken: here.token,
      currentPassword: "long enough password",
      newPassword: "a brand new password",
    });
    expect(r.otherSessionsEnded).toBe(1);
    expect(await resolveSession(deps.db, here.token)).not.toBeNull();
    expect(await resolveSession(deps.db, elsewhere.token)).toBeNull();
    expect(await resolveSession(deps.db, othersSession.token)).not.toBeNull(); // nobody else's
    expect(await checkMemberPassword(deps.db, m.email, "long enough password")).toBeNull();
    expect((await checkMemberPassword(deps.db, m.email, "a brand new password"))?.id).toBe(m.memberId);
  });

  it("refuses a wrong current password, a short new one and no change, naming the field", async () => {
    const m = await addMember(deps.db, accountId);
    const s = await createSession(deps, m.memberId);
    const base = { memberId: m.memberId, sessionToken: s.token };
    await expectAppError(
      changeOwnPassword(deps.db, { ...base, currentPassword: "wrong password", newPassword: "a brand new password" }),
      "validation_failed",
      /^currentPassword:/,
    );
    await expectAppError(
      changeOwnPassword(deps.db, { ...base, currentPassword: "long enough password", newPassword: "short" }),
      "validation_failed",
      /^newPassword: must be at least 8/,
    );
    await expectAppError(
      changeOwnPassword(deps.db, { ...base, currentPassword: "long enough password", newPassword: "long enough password" }),
      "validation_failed",
      /newPassword: must differ/,
    );
    expect((await checkMemberPassword(deps.db, m.email, "long enough password"))?.id).toBe(m.memberId);
    // Only the wrong current password carries the code the route counts as a failed sign-in attempt (never the message).
    const reasonOf = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: { details?: { reason?: unknown } }) => e.details?.reason ?? null,
      );
    expect(
      await reasonOf(changeOwnPassword(deps.db, { ...base, currentPassword: "wrong password", newPassword: "a brand new password" })),
    ).toBe(WRONG_CURRENT_PASSWORD);
    expect(
      await reasonOf(changeOwnPassword(deps.db, { ...base, currentPassword: "long enough password", newPassword: "short" })),
    ).toBeNull();
  });

  it("a reset sets the given or a generated password and ends every session of the member", async () => {
    const m = await addMember(deps.db, accountId);
    const s = await createSession(deps, m.memberId);
    const given = await resetMemberPassword(deps.db, { email: m.email.toUpperCase(), password: "reset to this one" });
    expect(given).toMatchObject({ generated: false, sessionsEnded: 1 });
    expect(await resolveSession(deps.db, s.token)).toBeNull();
    expect((await checkMemberPassword(deps.db, m.email, "reset to this one"))?.id).toBe(m.memberId);
    const generated = await resetMemberPassword(deps.db, { email: m.email });
    expect(generated.generated).toBe(true);
    expect(generated.password.length).toBeGreaterThanOrEqual(16);
    expect((await checkMemberPassword(deps.db, m.email, generated.password))?.id).toBe(m.memberId);
    await expectAppError(resetMemberPassword(deps.db, { email: "nobody@example.test" }), "not_found", /nobody@example\.test/);
    await expectAppError(
      resetMemberPassword(deps.db, { email: m.email, password: "short" }),
      "validation_failed",
      /--password: must be at least 8/,
    );
  });

  it("`switchboard members reset-password` prints a generated password alone on stdout, once", async () => {
    const m = await addMember(deps.db, accountId);
    const lines = { out: [] as string[], info: [] as string[] };
    const io: CliIo = { out: (l) => lines.out.push(l), info: (l) => lines.info.push(l) };
    const parsed = parseInvocation(["members", "reset-password", "--email", m.email]);
    expect(parsed.ok).toBe(true);
    expect(await runCommand(deps.db, (parsed as Extract<typeof parsed, { ok: true }>).invocation, USAGE, io)).toBe(0);
    expect(lines.out).toHaveLength(1);
    expect((await checkMemberPassword(deps.db, m.email, lines.out[0]!))?.id).toBe(m.memberId);
    expect(lines.info.join("\n")).toMatch(/New password for .* \(shown once, above\); 0 session\(s\) ended/);
    // setup-token refuses once members exist: setup is over.
    const setup = parseInvocation(["setup-token"]);
    expect(await runCommand(deps.db, (setup as Extract<typeof setup, { ok: true }>).invocation, USAGE, io)).toBe(1);
    expect(lines.info.at(-1)).toMatch(/already set up/);
  });
});
