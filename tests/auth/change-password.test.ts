import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkMemberPassword } from "@/lib/domains/members/members";
import { createSession, resolveSession } from "@/lib/domains/auth/sessions";
import { createAccount } from "@/lib/domains/accounts/accounts";
import { changeOwnPassword, resetMemberPassword, WRONG_CURRENT_PASSWORD } from "@/lib/domains/members/change-password";
import { runCommand, type CliIo } from "@/cli/commands";
import { parseInvocation, USAGE } from "@/cli/invocation";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { addMember, expectAppError } from "@/tests/hitl/helpers";
import { connectApp, authorizeParams, pkcePair, REDIRECT } from "@/tests/support/oauth";
import { verifyAccessToken } from "@/lib/domains/oauth/access-tokens";
import { refreshTokens } from "@/lib/domains/oauth/refresh";
import { registerDynamicClient } from "@/lib/domains/oauth/clients";
import { parseAuthorizationRequest } from "@/lib/domains/oauth/authorization-request";
import { approveAuthorization, exchangeAuthorizationCode } from "@/lib/domains/oauth/codes";

const ORIGIN = "http://127.0.0.1:3000";
const RESOURCE = `${ORIGIN}/api/mcp`;

/** Whether an app the member connected still gets in: its access token at /api/mcp, and its refresh token. */
async function appStillConnected(deps: TestDeps, app: Awaited<ReturnType<typeof connectApp>>) {
  const access = await verifyAccessToken(deps.db, app.access_token, RESOURCE);
  const refreshed = await refreshTokens(
    deps.db,
    new URLSearchParams({ grant_type: "refresh_token", refresh_token: app.refresh_token, client_id: app.clientId }),
  ).then(
    () => true,
    () => false,
  );
  return { access: "principal" in access, refreshed };
}

/** An authorization code the member approved but the app has not exchanged yet. */
async function pendingCode(deps: TestDeps, member: Parameters<typeof connectApp>[1]) {
  const client = (await registerDynamicClient(deps.db, { redirect_uris: [REDIRECT] })).client_id;
  const { verifier, challenge } = pkcePair();
  const request = await parseAuthorizationRequest(deps.db, authorizeParams(client, challenge, ORIGIN), ORIGIN);
  const code = new URL((await approveAuthorization(deps.db, request, member)).redirectTo).searchParams.get("code")!;
  return () =>
    exchangeAuthorizationCode(
      deps.db,
      new URLSearchParams({ grant_type: "authorization_code", code, client_id: client, redirect_uri: REDIRECT, code_verifier: verifier }),
    );
}

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

  it("a password change disconnects the member's OAuth apps (tokens, refresh, codes not yet exchanged); nobody else's", async () => {
    const m = await addMember(deps.db, accountId);
    const other = await addMember(deps.db, accountId);
    const here = await createSession(deps, m.memberId);
    const app = await connectApp(deps.db, m, { origin: ORIGIN });
    const othersApp = await connectApp(deps.db, other, { origin: ORIGIN });
    const exchangeLater = await pendingCode(deps, m);
    expect(await appStillConnected(deps, app)).toEqual({ access: true, refreshed: true });
    const fresh = await connectApp(deps.db, m, { origin: ORIGIN }); // the refresh above rotated the first app's tokens
    const r = await changeOwnPassword(deps.db, {
      memberId: m.memberId,
      sessionToken: here.token,
      currentPassword: "long enough password",
      newPassword: "a brand new password",
    });
    expect(r.appsDisconnected).toBe(2);
    expect(await appStillConnected(deps, fresh)).toEqual({ access: false, refreshed: false });
    await expect(exchangeLater()).rejects.toMatchObject({ error: "invalid_grant" });
    expect(await appStillConnected(deps, othersApp)).toEqual({ access: true, refreshed: true });
  });

  it("a reset (the CLI) disconnects the member's OAuth apps too", async () => {
    const m = await addMember(deps.db, accountId);
    const app = await connectApp(deps.db, m, { origin: ORIGIN });
    const r = await resetMemberPassword(deps.db, { email: m.email, password: "reset to this one" });
    expect(r.appsDisconnected).toBe(1);
    expect(await appStillConnected(deps, app)).toEqual({ access: false, refreshed: false });
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
