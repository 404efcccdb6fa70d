import { enqueueSheetEvents } from "@/lib/domains/sheets/enqueue";
import { and, eq, inArray, lt } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import { cases, type CaseRow } from "@/lib/adapters/db/schema";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { actorOf, type Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { getCaseOrThrow, isFinal } from "@/lib/domains/hitl/get-case";
import { publishCaseEvent } from "@/lib/adapters/realtime/publish-case-event";
import { presentCase } from "@/lib/domains/hitl/case-view";
import type { PublicCase } from "@/lib/domains/hitl/schemas";

/** POST /api/cases/{id}/cancel: withdraws the case and returns it as the API shows it. */
export async function cancelCase(deps: Deps, principal: Principal, caseId: string): Promise<PublicCase> {
  return presentCase(deps.db, await withdrawCase(deps, principal, caseId));
}

/** Withdraws an open or claimed case. A case that is already final is returned as it is (it may hold an answer). */
export async function withdrawCase(deps: Deps, principal: Principal, caseId: string): Promise<CaseRow> {
  assertScope(principal, "hitl:ask", "hitl:answer");
  const { row, changed } = await deps.db.transaction(async (tx) => {
    const current = await getCaseOrThrow(tx, principal.accountId, caseId, { forUpdate: true });
    if (isFinal(current.status)) return { row: current, changed: false };
    const now = new Date();
    const [updated] = await tx
      .update(cases)
      .set({ status: "cancelled", closedAt: now, updatedAt: now })
      .where(eq(cases.id, caseId))
      .returning();
    await enqueueSheetEvents(tx, [
      { entityType: "case", entityId: caseId, accountId: principal.accountId, event: "cancelled", occurredAt: now },
    ]);
    await recordAudit(tx, {
      accountId: principal.accountId,
      entityType: "case",
      entityId: caseId,
      action: "case.cancelled",
      fromStatus: current.status,
      toStatus: "cancelled",
      ...actorOf(principal),
    });
    return { row: updated!, changed: true };
  });
  if (changed)
    await publishCaseEvent(deps, {
      type: "case.cancelled",
      accountId: principal.accountId,
      caseId,
      status: "cancelled",
      priority: row.priority,
      urgency: row.urgency,
    });
  return row;
}

/** Expires open and claimed cases past their TTL (up to `batch` per call); every transition is audited and published. */
export async function expireCases(deps: Deps, now = new Date(), batch = 500): Promise<number> {
  const expired = await deps.db.transaction(async (tx) => {
    // Lock the due rows (skipping ones an answer holds right now) so we audit their real previous status.
    const due = await tx
      .select({ id: cases.id, accountId: cases.accountId, status: cases.status, priority: cases.priority, urgency: cases.urgency })
      .from(cases)
      .where(and(inArray(cases.status, ["open", "claimed"]), lt(cases.expiresAt, now)))
      .limit(batch)
      .for("update", { skipLocked: true });
    if (!due.length) return [];
    await tx
      .update(cases)
      .set({ status: "expired", closedAt: now, updatedAt: now })
      .where(
        inArray(
          cases.id,
          due.map((r) => r.id),
        ),
      );
    await enqueueSheetEvents(
      tx,
      due.map((r) => ({ entityType: "case" as const, entityId: r.id, accountId: r.accountId, event: "expired", occurredAt: now })),
    );
    for (const r of due) {
      await recordAudit(tx, {
        accountId: r.accountId,
        entityType: "case",
        entityId: r.id,
        action: "case.expired",
        fromStatus: r.status,
        toStatus: "expired",
        actorType: "system",
      });
    }
    return due;
  });
  for (const r of expired)
    await publishCaseEvent(deps, {
      type: "case.expired",
      accountId: r.accountId,
      caseId: r.id,
      status: "expired",
      priority: r.priority,
      urgency: r.urgency,
      at: now.toISOString(),
    });
  return expired.length;
}
