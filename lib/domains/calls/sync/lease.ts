import { randomUUID } from "node:crypto";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { jobCheckpoints } from "@/lib/adapters/db/schema";

export const SYNC_JOB = "sync-calls";

export type Lease = { holder: string; runId: string; resumed: boolean; processedBefore: number };

const expiry = (seconds: number) => sql`now() + make_interval(secs => ${seconds}::int)`;

/**
 * Takes the job's lease if it is free or expired (one runner at a time, across instances). A run that
 * died holding it is resumed from its checkpoint once the lease expires; otherwise a new run starts.
 */
export async function acquireLease(db: Db, leaseSeconds: number): Promise<Lease | null> {
  const holder = randomUUID();
  await db.insert(jobCheckpoints).values({ job: SYNC_JOB }).onConflictDoNothing();
  const [row] = await db
    .update(jobCheckpoints)
    .set({ leaseHolder: holder, leaseExpiresAt: expiry(leaseSeconds), updatedAt: sql`now()` })
    .where(and(eq(jobCheckpoints.job, SYNC_JOB), or(isNull(jobCheckpoints.leaseExpiresAt), lt(jobCheckpoints.leaseExpiresAt, sql`now()`))))
    .returning();
  if (!row) return null;
  if (row.runId) return { holder, runId: row.runId, resumed: true, processedBefore: row.processed };
  const runId = randomUUID();
  await db
    .update(jobCheckpoints)
    .set({ runId, runStartedAt: sql`now()`, processed: 0, cursorCreatedAt: null, cursorId: null })
    .where(and(eq(jobCheckpoints.job, SYNC_JOB), eq(jobCheckpoints.leaseHolder, holder)));
  return { holder, runId, resumed: false, processedBefore: 0 };
}

/** Moves the checkpoint past a finished batch and renews the lease; false when the lease was lost. */
export async function saveCheckpoint(db: Db, lease: Lease, lastCallId: string, processed: number, leaseSeconds: number): Promise<boolean> {
  const rows = await db
    .update(jobCheckpoints)
    .set({
      // Taken from the row itself so the cursor keeps created_at's full (microsecond) precision.
      cursorCreatedAt: sql`(select created_at from calls where id = ${lastCallId}::uuid)`,
      cursorId: lastCallId,
      processed: sql`${jobCheckpoints.processed} + ${processed}::int`,
      leaseExpiresAt: expiry(leaseSeconds),
      updatedAt: sql`now()`,
    })
    .where(and(eq(jobCheckpoints.job, SYNC_JOB), eq(jobCheckpoints.leaseHolder, lease.holder)))
    .returning({ job: jobCheckpoints.job });
  return rows.length > 0;
}

/** Ends the run: with `finished`, the next run starts from the oldest call again; otherwise it resumes here. */
export async function releaseLease(db: Db, lease: Lease, finished: boolean): Promise<void> {
  await db
    .update(jobCheckpoints)
    .set({
      leaseHolder: null,
      leaseExpiresAt: null,
      updatedAt: sql`now()`,
      ...(finished ? { runId: null, cursorCreatedAt: null, cursorId: null, lastFinishedAt: sql`now()` } : {}),
    })
    .where(and(eq(jobCheckpoints.job, SYNC_JOB), eq(jobCheckpoints.leaseHolder, lease.holder)));
}

/** The SQL condition "after the checkpoint" for the work list. */
export const afterCheckpoint = (createdAt: unknown, id: unknown) =>
  sql`(${createdAt}, ${id}) > (select coalesce(cursor_created_at, '-infinity'::timestamptz), coalesce(cursor_id, '00000000-0000-0000-0000-000000000000'::uuid) from job_checkpoints where job = ${SYNC_JOB})`;
