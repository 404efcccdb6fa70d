import { desc, eq } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import { notifications } from "@/lib/adapters/db/schema";
import { assertScope } from "@/lib/domains/auth/permissions";
import type { Principal } from "@/lib/domains/auth/principal";

export type NotificationView = {
  id: string;
  kind: "tool" | "page" | "test";
  caseId: string | null;
  topic: string;
  title: string | null;
  status: "pending" | "sent" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  sentAt: string | null;
};

/** The account's latest notifications, newest first (admin page): every delivery and how its attempts went. */
export async function listNotifications(deps: Pick<Deps, "db">, principal: Principal, limit = 50): Promise<NotificationView[]> {
  assertScope(principal, "admin");
  const rows = await deps.db
    .select()
    .from(notifications)
    .where(eq(notifications.accountId, principal.accountId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    caseId: r.caseId,
    topic: r.topic,
    title: r.payload.title ?? null,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    nextAttemptAt: r.status === "pending" ? r.nextAttemptAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
  }));
}
