import { and, asc, eq } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import { members, memberSessions } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { actorOf, type Principal } from "@/lib/domains/auth/principal";
import { publicMember } from "@/lib/domains/members/members";
import { heartbeat } from "@/lib/domains/presence/presence";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { assertScope } from "@/lib/domains/auth/permissions";
import { isUuid } from "@/lib/platform/validation/uuid";

/**
 * Deactivates or reactivates a member of the caller's account. Deactivation ends every session of
 * theirs at once (so the console and the API refuse them on the next request) and takes them off the
 * online count. An admin cannot deactivate themselves, nor the account's last active admin.
 */
export async function setMemberActive(deps: Deps, principal: Principal, input: { memberId: string; active: boolean }) {
  assertScope(principal, "admin");
  if (!isUuid(input.memberId)) throw new AppError("not_found", "No such member.");
  const result = await deps.db.transaction(async (tx) => {
    const [target] = await tx
      .select()
      .from(members)
      .where(and(eq(members.id, input.memberId), eq(members.accountId, principal.accountId)))
      .for("update");
    if (!target) throw new AppError("not_found", "No such member.");
    if (target.active === input.active) return { row: target, changed: false };
    if (!input.active) {
      if (principal.kind === "member" && principal.memberId === target.id)
        throw new AppError("conflict", "You cannot deactivate yourself; ask another admin.");
      if (target.role === "admin") {
        // Lock every active admin of the account (in id order) so two admins deactivating each other serialise.
        const admins = await tx
          .select({ id: members.id })
          .from(members)
          .where(and(eq(members.accountId, principal.accountId), eq(members.role, "admin"), eq(members.active, true)))
          .orderBy(asc(members.id))
          .for("update");
        if (admins.length <= 1) throw new AppError("conflict", "This is the account's last active admin; add another admin first.");
      }
    }
    const [row] = await tx.update(members).set({ active: input.active }).where(eq(members.id, target.id)).returning();
    if (!input.active) await tx.delete(memberSessions).where(eq(memberSessions.memberId, target.id));
    await recordAudit(tx, {
      accountId: principal.accountId,
      entityType: "member",
      entityId: target.id,
      action: input.active ? "member.reactivated" : "member.deactivated",
      fromStatus: target.active ? "active" : "inactive",
      toStatus: input.active ? "active" : "inactive",
      ...actorOf(principal),
    });
    return { row: row!, changed: true };
  });
  if (result.changed && !input.active) {
    const r = result.row;
    await heartbeat(deps, { kind: "member", accountId: r.accountId, memberId: r.id, role: r.role, email: r.email, name: r.name }, "away");
  }
  return publicMember(result.row);
}
