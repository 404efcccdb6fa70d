import type { Db } from "@/lib/adapters/db/client";
import { sheetsOutbox, type SheetsEntity } from "@/lib/adapters/db/schema-sheets";

export type SheetsEvent = { entityType: SheetsEntity; entityId: string; accountId: string; event: string; occurredAt?: Date };

/**
 * Records changes for the Google Sheets log. Call it with the transaction that makes the change: the
 * outbox row commits (or rolls back) with it, so whatever Google does later, nothing is lost. Escalations
 * get priority 0 so a flood of call updates never holds them back.
 */
export async function enqueueSheetEvents(tx: Db, events: SheetsEvent[]): Promise<void> {
  if (!events.length) return;
  await tx.insert(sheetsOutbox).values(
    events.map((e) => ({
      entityType: e.entityType,
      entityId: e.entityId,
      accountId: e.accountId,
      priority: e.entityType === "case" ? 0 : 1,
      event: e.event,
      occurredAt: e.occurredAt ?? new Date(),
    })),
  );
}
