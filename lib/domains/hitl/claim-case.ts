import { enqueueSheetEvents } from "@/lib/domains/sheets/enqueue";
import { eq } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import { cases } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { actorOf, type Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { notePresence } from "@/lib/domains/presence/presence";
import { getCaseOrThrow, isFinal } from "@/lib/domains/hitl/get-case";
import { holderNames, presentCase, toPublicCase } from "@/lib/domains/hitl/case-view";
import type { PublicCase } from "@/lib/domains/hitl/schemas";
import { publishCaseEvent } from "@/lib/adapters/realtime/publish-case-event";

export function assertCanAnswer(p: Principal): void {
  assertScope(p, "hitl:answer");
}

const holds = (p: Principal, row: { claimedByMemberId: string | null; claimedByKeyId: string | null }) =>
  p.kind === "member" ? row.claimedByMemberId === p.memberId : row.claimedByKeyId === p.keyId;

/** Claims a case for the caller: one winner; a second claimant gets 409 naming the holder. Re-claiming your own case is fine. */
export async function claimCase(deps: Deps, principal: Principal, caseId: string): Promise<PublicCase> {
  assertCanAnswer(principal);
  const { row, changed } = await deps.db.transaction(async (tx) => {
    const current = await getCaseOrThrow(tx, principal.accountId, caseId, { forUpdate: true });
    if (isFinal(current.status)) throw new AppError("conflict", `Case is already ${current.status}.`, { status: current.status });
    if (current.status === "claimed") {
      if (holds(principal, current)) return { row: current, changed: false };
      const holder = toPublicCase(current, await holderNames(tx, [current])).claimedBy;
      throw new AppError("conflict", `Case is already claimed by ${holder?.name ?? "someone else"}.`, { claimedBy: holder });
    }
    const [updated] = await tx
      .update(cases)
      .set({
        status: "claimed",
        claimedAt: new Date(),
        updatedAt: new Date(),
        claimedByMemberId: principal.kind === "member" ? principal.memberId : null,
        claimedByKeyId: principal.kind === "api_key" ? principal.keyId : null,
      })
      .where(eq(cases.id, current.id))
      .returning();
    await enqueueSheetEvents(tx, [
      {
        entityType: "case",
        entityId: caseId,
        accountId: principal.accountId,
        event: "claimed",
        occurredAt: updated!.claimedAt ?? new Date(),
      },
    ]);
    await recordAudit(tx, {
      accountId: principal.accountId,
      entityType: "case",
      entityId: caseId,
      action: "case.claimed",
      fromStatus: "open",
      toStatus: "claimed",
      ...actorOf(principal),
    });
    return { row: updated!, changed: true };
  });
  if (changed) {
    const claimedBy =
      principal.kind === "member"
        ? principal.name || principal.email
        : toPublicCase(row, await holderNames(deps.db, [row])).claimedBy?.name;
    await Promise.all([
      notePresence(deps, principal),
      publishCaseEvent(deps, {
        type: "case.claimed",
        accountId: principal.accountId,
        caseId,
        status: "claimed",
        priority: row.priority,
        urgency: row.urgency,
        claimedBy: claimedBy ?? null,
      }),
    ]);
    // Slack messages and the like show the claim (lib/domains/channels).
    deps.kick("channel-posts");
  }
  return presentCase(deps.db, row);
}

export { holds as holdsClaim };
