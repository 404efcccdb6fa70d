import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/adapters/db/client";
import { members, memberSessions } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { hashPassword, randomToken, sha256, verifyPassword } from "@/lib/domains/auth/secrets";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { endMemberOAuthGrants } from "@/lib/domains/members/end-oauth-grants";

export const newPassword = z.string().min(8, "must be at least 8 characters").max(200, "must be at most 200 characters");
export const changePasswordInput = z.object({ currentPassword: z.string().min(1, "required").max(200), newPassword });

/** The `reason` of the error a wrong current password gets: the route counts it as a failed sign-in attempt. */
export const WRONG_CURRENT_PASSWORD = "wrong_current_password";

/**
 * A member changes their own password: the current one is required (a session left open on a shared
 * screen must not be enough to lock its owner out), and every other session of theirs ends — whoever
 * else was signed in as them is signed out — while the session that made the change stays. Apps they
 * connected with OAuth are disconnected too (connect them again to keep using them).
 */
export async function changeOwnPassword(
  db: Db,
  input: { memberId: string; sessionToken: string; currentPassword: string; newPassword: string },
) {
  const { currentPassword, newPassword: next } = parseOrThrow(changePasswordInput, input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(members)
      .where(and(eq(members.id, input.memberId), eq(members.active, true)))
      .for("update");
    if (!row) throw new AppError("unauthorized", "Sign in again.");
    if (!(await verifyPassword(currentPassword, row.passwordHash)))
      throw new AppError("validation_failed", "currentPassword: is not your current password", { reason: WRONG_CURRENT_PASSWORD });
    if (currentPassword === next) throw new AppError("validation_failed", "newPassword: must differ from the current password");
    await tx
      .update(members)
      .set({ passwordHash: await hashPassword(next) })
      .where(eq(members.id, row.id));
    const ended = await tx
      .delete(memberSessions)
      .where(and(eq(memberSessions.memberId, row.id), ne(memberSessions.tokenHash, sha256(input.sessionToken))))
      .returning({ id: memberSessions.id });
    const appsDisconnected = await endMemberOAuthGrants(tx, row.id, "password changed");
    await recordAudit(tx, {
      accountId: row.accountId,
      entityType: "member",
      entityId: row.id,
      action: "member.password_changed",
      actorType: "member",
      actorId: row.id,
      data: { otherSessionsEnded: ended.length, appsDisconnected },
    });
    return { otherSessionsEnded: ended.length, appsDisconnected };
  });
}

/**
 * An operator of the installation resets a member's password (`switchboard members reset-password`): a given
 * one, or a generated one returned once. Every session of the member ends, and every app they connected.
 */
export async function resetMemberPassword(db: Db, input: { email: string; password?: string }) {
  const password = input.password ?? randomToken(12);
  // The CLI's flag name, not the JSON field: only `switchboard reset-password` reaches this.
  parseOrThrow(newPassword, password, (issues) => `--password: ${issues[0]!.message}`);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(members).where(eq(members.email, input.email.trim().toLowerCase())).for("update");
    if (!row) throw new AppError("not_found", `No member with the email ${input.email.trim().toLowerCase()}.`);
    await tx
      .update(members)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(members.id, row.id));
    const ended = await tx.delete(memberSessions).where(eq(memberSessions.memberId, row.id)).returning({ id: memberSessions.id });
    const appsDisconnected = await endMemberOAuthGrants(tx, row.id, "password reset");
    await recordAudit(tx, {
      accountId: row.accountId,
      entityType: "member",
      entityId: row.id,
      action: "member.password_reset",
      actorType: "system",
      data: { sessionsEnded: ended.length, appsDisconnected },
    });
    return {
      member: { id: row.id, email: row.email, active: row.active },
      password,
      generated: input.password === undefined,
      sessionsEnded: ended.length,
      appsDisconnected,
    };
  });
}
