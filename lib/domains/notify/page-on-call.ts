import { and, eq, isNull } from "drizzle-orm";
import { countAnswerersOnline } from "@/lib/domains/presence/presence";
import { publicBaseUrl } from "@/lib/platform/public-base-url";
import type { Deps } from "@/lib/platform/deps";
import { cases, type CaseRow } from "@/lib/adapters/db/schema";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { log } from "@/lib/platform/log";
import { attemptNotification, enqueueNotification, type DeliveryOutcome, type NotifyDeps } from "@/lib/domains/notify/deliver";
import { getNotifyTarget } from "@/lib/domains/notify/settings";

export type PageReason = "nobody_online" | "unclaimed";

/**
 * The ntfy priority of a page: the case's priority (1 lowest … 5 highest, the same scale as ntfy's),
 * one up for high urgency and one down for low, but never below 3 — a page must make the phone ring.
 */
export function pagePriority(c: Pick<CaseRow, "priority" | "urgency">): number {
  const shift = c.urgency === "high" ? 1 : c.urgency === "low" ? -1 : 0;
  return Math.max(3, Math.min(5, c.priority + shift));
}

/** Where the page's tap lands: the console with this case open. */
export const caseConsoleUrl = (deps: Pick<Deps, "config">, caseId: string) =>
  `${publicBaseUrl(deps.config)}/console?case=${encodeURIComponent(caseId)}`;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Pages the account's on-call topic about one case, at most once: `cases.paged_at` is claimed in the
 * same transaction that writes the page to the outbox (and a unique index backs it up). Does nothing
 * when the account has no on-call topic or the case is no longer open.
 */
export async function pageOnCall(
  deps: NotifyDeps,
  row: Pick<CaseRow, "id" | "accountId" | "question" | "priority" | "urgency">,
  reason: PageReason,
): Promise<DeliveryOutcome | null> {
  const target = await getNotifyTarget(deps.db, deps.config, row.accountId);
  if (!target.oncallTopic) return null;
  const priority = pagePriority(row);
  const notification = await deps.db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(cases)
      .set({ pagedAt: new Date() })
      .where(and(eq(cases.id, row.id), eq(cases.accountId, row.accountId), eq(cases.status, "open"), isNull(cases.pagedAt)))
      .returning({ id: cases.id });
    if (!claimed) return null;
    await recordAudit(tx, {
      accountId: row.accountId,
      entityType: "case",
      entityId: row.id,
      action: "case.paged",
      actorType: "system",
      actorId: null,
      data: { reason, topic: target.oncallTopic, priority },
    });
    return enqueueNotification(tx, {
      accountId: row.accountId,
      kind: "page",
      caseId: row.id,
      serverUrl: target.serverUrl,
      topic: target.oncallTopic!,
      payload: {
        title: reason === "nobody_online" ? "A caller needs an answer — nobody is online" : "A caller's question is waiting unclaimed",
        message: clip(row.question, 1000),
        priority,
        tags: [priority >= 5 ? "rotating_light" : "telephone_receiver"],
        click: caseConsoleUrl(deps, row.id),
      },
    });
  });
  if (!notification) return null;
  log.info({ caseId: row.id, reason, priority }, "paging on-call operators");
  return attemptNotification(deps, notification, { inlineRetries: 1 });
}

/**
 * Right after a case is created: page at once when nobody is online to answer. Never delays or fails the
 * escalation — it runs in the background and the unclaimed-case sweep catches anything it missed.
 */
export function pageIfNobodyOnlineSoon(deps: Deps, row: CaseRow): void {
  void (async () => {
    // Most accounts page nobody: one indexed read, before any presence lookup.
    if (!(await getNotifyTarget(deps.db, deps.config, row.accountId)).oncallTopic) return;
    const { online } = await countAnswerersOnline(deps, row.accountId);
    if (online === 0) await pageOnCall(deps, row, "nobody_online");
  })().catch((e) => log.warn({ caseId: row.id, err: String(e) }, "could not page on-call operators"));
}
