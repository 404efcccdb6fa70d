import { sql } from "drizzle-orm";
import { isSharedDatabase, type Db } from "@/lib/adapters/db/client";

/**
 * Runs `fn` while no other process on the database runs one under the same `name`: on PostgreSQL, inside a
 * transaction of its own that holds `pg_advisory_xact_lock` until `fn` settles (so it holds one pool connection
 * for that long: keep `fn` rare and bounded, e.g. a token refresh with a time-out). `fn` reads and writes through
 * `db`, not that transaction: what it writes is committed as it goes, and kept even if the lock's transaction
 * fails. On PGlite, which one process owns, `fn` runs at once (its transactions would block every other query
 * until `fn` settled); callers de-duplicate within the process themselves.
 */
export async function withCrossProcessLock<T>(db: Db, name: string, fn: () => Promise<T>): Promise<T> {
  if (!isSharedDatabase(db)) return fn();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${name}, 0))`);
    return fn();
  });
}
