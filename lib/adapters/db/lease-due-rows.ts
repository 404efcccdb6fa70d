import { and, asc, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/adapters/db/port";

/** An outbox table: rows wait as `pending` until `next_attempt_at`; `locked_until` is the lease of whoever is trying one. */
export type OutboxTable = PgTable & { id: PgColumn; status: PgColumn; nextAttemptAt: PgColumn; lockedUntil: PgColumn; attempts: PgColumn };

/**
 * The one lease loop of every outbox (callbacks, phone follow-ups, notifications): takes up to `limit` due rows
 * nobody holds (FOR UPDATE SKIP LOCKED, so two instances never take the same row), leases them for `leaseMs`
 * and returns them. `countAttempt` adds one to `attempts` as the lease is taken (outboxes that count per lease);
 * `set` adds columns of the table's own. A row whose holder died is taken again once its lease ends.
 */
export async function leaseDueRows<T extends OutboxTable>(
  db: Db,
  table: T,
  o: { limit: number; leaseMs: number; countAttempt?: boolean; set?: Record<string, unknown> },
): Promise<T["$inferSelect"][]> {
  const now = new Date();
  return db.transaction(async (tx) => {
    const rows = (await tx
      .select({ id: table.id })
      .from(table as PgTable)
      .where(and(eq(table.status, "pending"), lte(table.nextAttemptAt, now), or(isNull(table.lockedUntil), lte(table.lockedUntil, now))))
      .orderBy(asc(table.nextAttemptAt))
      .limit(o.limit)
      .for("update", { skipLocked: true })) as Array<{ id: unknown }>;
    if (!rows.length) return [];
    const lease = {
      lockedUntil: new Date(now.getTime() + o.leaseMs),
      ...(o.countAttempt ? { attempts: sql`${table.attempts} + 1` } : {}),
      ...o.set,
    };
    const ids = sql.join(
      rows.map((r) => sql`${r.id}`),
      sql`, `,
    );
    return (await tx
      .update(table as PgTable)
      .set(lease as never)
      .where(sql`${table.id} in (${ids})`)
      .returning()) as T["$inferSelect"][];
  });
}
