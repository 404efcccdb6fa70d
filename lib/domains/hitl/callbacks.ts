import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { leaseDueRows } from "@/lib/adapters/db/lease-due-rows";
import type { Deps } from "@/lib/platform/deps";
import type { Db } from "@/lib/adapters/db/client";
import { accounts, webhookAttempts, webhookDeliveries, type CaseRow } from "@/lib/adapters/db/schema";
import type { PublicCase } from "@/lib/domains/hitl/schemas";
import { log } from "@/lib/platform/log";

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

/** Sends every due callback once; failures are rescheduled with exponential backoff until the attempt limit. */
export async function deliverDueCallbacks(deps: Deps, limit = 20): Promise<number> {
  const due = await leaseDueRows(deps.db, webhookDeliveries, { limit, leaseMs: LEASE_MS, countAttempt: true });
  await Promise.all(due.map((d) => attemptDelivery(deps, d)));
  return due.length;
}

async function attemptDelivery(deps: Deps, d: typeof webhookDeliveries.$inferSelect): Promise<void> {
  const [account] = await deps.db.select({ secret: accounts.webhookSecret }).from(accounts).where(eq(accounts.id, d.accountId)).limit(1);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(d.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(deps.config.CALLBACK_TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "user-agent": "Switchboard-Callbacks/1",
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signPayload(account?.secret ?? "", timestamp, d.body),
        [EVENT_HEADER]: d.event,
        [DELIVERY_HEADER]: d.id,
      },
      body: d.body,
    });
    statusCode = res.status;
    await res.body?.cancel();
    if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
  } catch (e) {
    error = (e as Error).name === "TimeoutError" ? "timeout" : `network error: ${(e as Error).message}`.slice(0, 500);
  }
  const durationMs = Date.now() - started;
  const done = error === null;
  const exhausted = !done && d.attempts >= deps.config.CALLBACK_MAX_ATTEMPTS;
  const backoff = deps.config.CALLBACK_BACKOFF_BASE_MS * 4 ** (d.attempts - 1);
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
        nextAttemptAt: new Date(Date.now() + backoff),
      })
      .where(eq(webhookDeliveries.id, d.id));
  });
  if (!done) log.warn({ deliveryId: d.id, attempt: d.attempts, error, exhausted }, "case callback failed");
}
