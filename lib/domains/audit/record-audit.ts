import type { Db } from "@/lib/adapters/db/client";
import { auditLog } from "@/lib/adapters/db/schema";

export type AuditEntry = {
  accountId: string;
  entityType: "case" | "api_key" | "member" | "account" | "oauth_grant" | "memory_answer";
  entityId: string;
  action: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  actorType: "member" | "api_key" | "system";
  actorId?: string | null;
  data?: Record<string, unknown>;
};

/** Appends to audit_log; call it inside the transaction that made the change. */
export async function recordAudit(db: Db, e: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    accountId: e.accountId,
    entityType: e.entityType,
    entityId: e.entityId,
    action: e.action,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    actorType: e.actorType,
    actorId: e.actorId ?? null,
    data: e.data ?? null,
  });
}
