import { handleWhen, retry } from "cockatiel";
import { eq } from "drizzle-orm";
import { leaseDueRows } from "@/lib/adapters/db/lease-due-rows";
import type { Db } from "@/lib/adapters/db/client";
import type { Deps } from "@/lib/platform/deps";
import { notificationAttempts, notifications, type NotificationPayload, type NotificationRow } from "@/lib/adapters/db/schema";
import { log } from "@/lib/platform/log";
import { backoffPolicy, inlineBackoff, nextAttemptAt as dueAgainAt } from "@/lib/platform/resilience/backoff";
import { isNotifyError } from "@/lib/domains/notify/port";
import { getNotifyTarget } from "@/lib/domains/notify/settings";
import { ntfyOutbound } from "@/lib/domains/notify/server-policy";

export type DeliveryOutcome = {
  status: "sent" | "queued" | "failed";
  notificationId: string;
  error: string | null;
  nextAttemptAt: Date | null;
};
export type NotifyDeps = Pick<Deps, "db" | "config" | "notifier">;

/** Longest Retry-After we wait through in-line (a voice agent is waiting); longer ones go to the retry job. */
const INLINE_MAX_WAIT_MS = 2000;
const LEASE_MS = 30_000;

export type NewNotification = {
  accountId: string;
  kind: NotificationRow["kind"];
  caseId?: string | null;
  serverUrl: string;
  topic: string;
  payload: NotificationPayload;
};

/**
 * Writes the notification to the outbox first: once this returns it will be sent or reported failed. It is
 * leased to the caller, who attempts it at once; the retry job takes it only if that attempt never finishes.
 */
export async function enqueueNotification(db: Db, n: NewNotification): Promise<NotificationRow> {
  const [row] = await db
    .insert(notifications)
    .values({ ...n, caseId: n.caseId ?? null, lockedUntil: new Date(Date.now() + LEASE_MS) })
    .returning();
  return row!;
}

/**
 * Attempts one notification now. In-line (`inlineRetries`) a network error, 5xx or 429 whose Retry-After
 * is short is retried with backoff (cockatiel); each attempt is recorded. What is still failing and
 * retryable is left `pending` with `next_attempt_at` honouring Retry-After, for the maintenance job.
 */
export async function attemptNotification(
  deps: NotifyDeps,
  row: NotificationRow,
  opts: { inlineRetries?: number } = {},
): Promise<DeliveryOutcome> {
  const target = await getNotifyTarget(deps.db, deps.config, row.accountId);
  const notifier = deps.notifier;
  let attempt = row.attempts;
  const policy = retry(
    handleWhen((e) => isNotifyError(e) && e.opts.retryable && (e.opts.retryAfterMs ?? 0) <= INLINE_MAX_WAIT_MS),
    {
      maxAttempts: opts.inlineRetries ?? 0,
      backoff: inlineBackoff({ baseMs: 200, maxMs: INLINE_MAX_WAIT_MS }, (e) => (isNotifyError(e) ? e.opts.retryAfterMs : undefined)),
    },
  );
  try {
    const published = await policy.execute(async () => {
      attempt += 1;
      const started = Date.now();
      try {
        const r = await notifier.publish(
          { serverUrl: row.serverUrl, accessToken: target.accessToken, outbound: ntfyOutbound(deps.config, row.serverUrl) },
          { topic: row.topic, ...row.payload },
        );
        await recordAttempt(deps.db, row.id, attempt, 200, null, Date.now() - started);
        return r;
      } catch (e) {
        const status = isNotifyError(e) ? (e.opts.status ?? null) : null;
        await recordAttempt(deps.db, row.id, attempt, status, isNotifyError(e) ? e.message : "unexpected error", Date.now() - started);
        throw e;
      }
    });
    await deps.db
      .update(notifications)
      .set({
        status: "sent",
        attempts: attempt,
        sentAt: new Date(),
        lastStatusCode: 200,
        lastError: null,
        lockedUntil: null,
        ntfyMessageId: published.id,
      })
      .where(eq(notifications.id, row.id));
    return { status: "sent", notificationId: row.id, error: null, nextAttemptAt: null };
  } catch (e) {
    if (!isNotifyError(e)) throw e;
    const giveUp = !e.opts.retryable || attempt >= deps.config.NTFY_MAX_ATTEMPTS;
    const nextAttemptAt = giveUp
      ? null
      : dueAgainAt(attempt, backoffPolicy(deps.config, "notifications"), { retryAfterMs: e.opts.retryAfterMs });
    await deps.db
      .update(notifications)
      .set({
        status: giveUp ? "failed" : "pending",
        attempts: attempt,
        lastStatusCode: e.opts.status ?? null,
        lastError: e.message,
        lockedUntil: null,
        ...(nextAttemptAt ? { nextAttemptAt } : {}),
      })
      .where(eq(notifications.id, row.id));
    log.warn({ notificationId: row.id, kind: row.kind, attempt, status: e.opts.status, giveUp }, "push notification not delivered");
    return { status: giveUp ? "failed" : "queued", notificationId: row.id, error: e.message, nextAttemptAt };
  }
}

async function recordAttempt(
  db: Db,
  notificationId: string,
  attempt: number,
  statusCode: number | null,
  error: string | null,
  durationMs: number,
) {
  await db.insert(notificationAttempts).values({ notificationId, attempt, statusCode, error, durationMs });
}

/** The retry job: leases due notifications (so two instances never send the same one) and attempts each once. */
export async function deliverDueNotifications(deps: NotifyDeps, limit = 20): Promise<number> {
  const due = await leaseDueRows(deps.db, notifications, { limit, leaseMs: LEASE_MS });
  await Promise.all(
    due.map((row) =>
      attemptNotification(deps, row).catch((e) => log.warn({ notificationId: row.id, err: String(e) }, "notification attempt failed")),
    ),
  );
  return due.length;
}
