import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { leaseDueRows } from "@/lib/adapters/db/lease-due-rows";
import type { Deps } from "@/lib/platform/deps";
import type { Db } from "@/lib/adapters/db/client";
import { webhookAttempts, webhookDeliveries, type CaseRow } from "@/lib/adapters/db/schema";
import { readWebhookSecret } from "@/lib/domains/accounts/accounts";
import type { PublicCase } from "@/lib/domains/hitl/schemas";
import { log } from "@/lib/platform/log";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { callbackPolicy } from "@/lib/domains/hitl/callback-target";
import { backoffPolicy, nextAttemptAt } from "@/lib/platform/resilience/backoff";
import { fetchOutbound } from "@/lib/platform/outbound/guarded-fetch";
import { isOutboundError } from "@/lib/platform/outbound/outbound-error";

export const SIGNATURE_HEADER = "X-Switchboard-Signature";
export const TIMESTAMP_HEADER = "X-Switchboard-Timestamp";
export const EVENT_HEADER = "X-Switchboard-Event";
export const DELIVERY_HEADER = "X-Switchboard-Delivery";

/** `v1=` + hex HMAC-SHA256 of `${timestamp}.${rawBody}` with the account's webhook secret. */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** Writes the callback to the outbox inside the answering transaction, so it cannot be lost. */
export async function enqueueCaseCallback(tx: Db, row: CaseRow, publicCase: PublicCase): Promise<void> {
  await tx.insert(webhookDeliveries).values({
    accountId: row.accountId,
    caseId: row.id,
    url: row.callbackUrl!,
    event: `case.${row.status}`,
    body: JSON.stringify({ event: `case.${row.status}`, case: publicCase }),
  });
}

const LEASE_MS = 30_000;

/** Sends every due callback once; failures are rescheduled on the shared backoff policy until the attempt limit. */
export async function deliverDueCallbacks(deps: Deps, limit = 20): Promise<number> {
  const due = await leaseDueRows(deps.db, webhookDeliveries, { limit, leaseMs: LEASE_MS, countAttempt: true });
  await Promise.all(due.map((d) => attemptDelivery(deps, d)));
  return due.length;
}

async function attemptDelivery(deps: Deps, d: typeof webhookDeliveries.$inferSelect): Promise<void> {
  const secret = await readWebhookSecret(deps.db, d.accountId);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  let refused = false;
  try {
    // Through the outbound guard: the URL was checked at creation, but a name can resolve elsewhere now.
    const res = await fetchOutbound(
      d.url,
      {
        method: "POST",
        ignoreBody: true,
        headers: {
          "content-type": "application/json",
          "user-agent": "Switchboard-Callbacks/1",
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signPayload(secret ?? "", timestamp, d.body),
          [EVENT_HEADER]: d.event,
          [DELIVERY_HEADER]: d.id,
        },
        body: d.body,
      },
      callbackPolicy(deps.config),
    );
    statusCode = res.status;
    if (!res.ok) error = `HTTP ${res.status}${res.status >= 300 && res.status < 400 ? " (redirects are not followed)" : ""}`;
  } catch (e) {
    if (!isOutboundError(e)) throw e;
    refused = e.code === "outbound_refused";
    error = e.timeout ? "timeout" : `${refused ? "refused" : "network error"}: the callbackUrl ${e.message}`.slice(0, 500);
  }
  const durationMs = Date.now() - started;
  const done = error === null;
  // A refused target stays refused: no retries, and the case records why its callback was not sent.
  const exhausted = !done && (refused || d.attempts >= deps.config.CALLBACK_MAX_ATTEMPTS);
  await deps.db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({ deliveryId: d.id, attempt: d.attempts, statusCode, error, durationMs });
    await tx
      .update(webhookDeliveries)
      .set({
        status: done ? "delivered" : exhausted ? "failed" : "pending",
        deliveredAt: done ? new Date() : null,
        lastStatusCode: statusCode,
        lastError: error,
        lockedUntil: null,
        nextAttemptAt: nextAttemptAt(d.attempts, backoffPolicy(deps.config, "callbacks")),
      })
      .where(eq(webhookDeliveries.id, d.id));
    if (refused && d.caseId)
      await recordAudit(tx, {
        accountId: d.accountId,
        entityType: "case",
        entityId: d.caseId,
        action: "case.callback_refused",
        actorType: "system",
        data: { deliveryId: d.id, error },
      });
  });
  if (!done) log.warn({ deliveryId: d.id, attempt: d.attempts, error, exhausted }, "case callback failed");
}
