import { randomUUID } from "node:crypto";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { sheetsRequests, sheetsState } from "@/lib/adapters/db/schema-sheets";

const expiry = (seconds: number) => sql`now() + make_interval(secs => ${seconds}::int)`;
const mine = (holder: string) => and(eq(sheetsState.id, 1), eq(sheetsState.leaseHolder, holder));

/** One drainer at a time across instances (the in-process scheduler and Vercel Cron may both try). */
export async function acquireLease(db: Db, seconds: number): Promise<string | null> {
  const holder = randomUUID();
  const rows = await db
    .update(sheetsState)
    .set({ leaseHolder: holder, leaseExpiresAt: expiry(seconds), updatedAt: sql`now()` })
    .where(and(eq(sheetsState.id, 1), or(isNull(sheetsState.leaseExpiresAt), lt(sheetsState.leaseExpiresAt, sql`now()`))))
    .returning({ id: sheetsState.id });
  return rows.length ? holder : null;
}

export async function renewLease(db: Db, holder: string, seconds: number): Promise<boolean> {
  const rows = await db
    .update(sheetsState)
    .set({ leaseExpiresAt: expiry(seconds) })
    .where(mine(holder))
    .returning({ id: sheetsState.id });
  return rows.length > 0;
}

export async function releaseLease(db: Db, holder: string): Promise<void> {
  await db.update(sheetsState).set({ leaseHolder: null, leaseExpiresAt: null, updatedAt: sql`now()` }).where(mine(holder));
}

export async function readState(db: Db) {
  const [row] = await db.select().from(sheetsState).where(eq(sheetsState.id, 1));
  return row!;
}

export async function saveBucket(db: Db, holder: string, tokens: number, atMs: number): Promise<void> {
  await db
    .update(sheetsState)
    .set({ bucketTokens: tokens, bucketAtMs: Math.round(atMs) })
    .where(mine(holder));
}

export type RequestRecord = { at: number; kind: string; status?: number; ok: boolean; rows: number; error?: string };

/** Every request sent to Google: the chart of requests per minute, the counters and the last error. */
export async function recordRequest(db: Db, r: RequestRecord): Promise<void> {
  await db.insert(sheetsRequests).values({ at: new Date(r.at), kind: r.kind, status: r.status ?? null, ok: r.ok, rows: r.rows });
  await db
    .update(sheetsState)
    .set({
      requestsTotal: sql`${sheetsState.requestsTotal} + 1`,
      ...(r.ok
        ? { lastSuccessAt: new Date(r.at) }
        : { lastError: (r.error ?? "request failed").slice(0, 500), lastErrorAt: new Date(r.at) }),
    })
    .where(eq(sheetsState.id, 1));
}

export async function recordError(db: Db, message: string, at: number): Promise<void> {
  await db
    .update(sheetsState)
    .set({ lastError: message.slice(0, 500), lastErrorAt: new Date(at) })
    .where(eq(sheetsState.id, 1));
}

export async function pruneRequests(db: Db, nowMs: number): Promise<void> {
  await db.delete(sheetsRequests).where(lt(sheetsRequests.at, new Date(nowMs - 3_600_000)));
}

export async function saveBreaker(db: Db, state: "closed" | "open" | "half-open", snapshot: unknown): Promise<void> {
  await db
    .update(sheetsState)
    .set({ breakerState: state, breakerSnapshot: snapshot ?? null, breakerChangedAt: sql`now()` })
    .where(eq(sheetsState.id, 1));
}
