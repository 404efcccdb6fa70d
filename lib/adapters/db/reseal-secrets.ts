import { and, count, eq, isNotNull, isNull, ne, or } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { SEALED_COLUMNS, sealContext, type SealedColumnName } from "@/lib/adapters/db/sealed-columns";
import { openSecret, sealSecret, type Keyring } from "@/lib/platform/secrets/secret-box";

export type ResealResult = { column: SealedColumnName; resealed: number };

const entries = () => Object.entries(SEALED_COLUMNS) as [SealedColumnName, (typeof SEALED_COLUMNS)[SealedColumnName]][];

/**
 * Seals every stored secret with the ring's current key: all those under another key (after a rotation), or with
 * `plaintextOnly` just the ones written before encryption existed (what each start does). Each row is replaced
 * only if it still holds the value read (compare-and-set), so a secret changed meanwhile is never overwritten
 * with an older one; running it twice, or on two instances at once, does no harm.
 * A value under a key the ring lacks stops the run with a message naming that key; rows done so far stay done.
 */
export async function resealSecrets(db: Db, ring: Keyring, opts: { plaintextOnly?: boolean } = {}): Promise<ResealResult[]> {
  const results: ResealResult[] = [];
  for (const [name, c] of entries()) {
    const stale = opts.plaintextOnly ? isNull(c.keyId) : or(isNull(c.keyId), ne(c.keyId, ring.current.id));
    const rows = await db
      .select({ rowKey: c.rowKey, value: c.value, keyId: c.keyId })
      .from(c.table)
      .where(and(isNotNull(c.value), stale));
    let resealed = 0;
    for (const row of rows) {
      const rowKey = String(row.rowKey);
      const context = sealContext(name, rowKey);
      const stored = { value: String(row.value), keyId: row.keyId === null ? null : String(row.keyId) };
      const next = sealSecret(ring, openSecret(ring, stored, context), context);
      const [valueField, keyIdField] = c.fields;
      const done = await db
        .update(c.table)
        .set({ [valueField]: next.value, [keyIdField]: next.keyId })
        .where(and(eq(c.rowKey, rowKey), eq(c.value, stored.value)))
        .returning({ rowKey: c.rowKey });
      resealed += done.length;
    }
    results.push({ column: name, resealed });
  }
  return results;
}

export type SealStatus = { column: SealedColumnName; keyId: string | null; rows: number };

/** How many stored secrets each key holds (keyId null: still plaintext): when none is left under an old key, it can go. */
export async function secretsStatus(db: Db): Promise<SealStatus[]> {
  const out: SealStatus[] = [];
  for (const [name, c] of entries()) {
    const rows = await db.select({ keyId: c.keyId, rows: count() }).from(c.table).where(isNotNull(c.value)).groupBy(c.keyId);
    for (const r of rows) out.push({ column: name, keyId: r.keyId === null ? null : String(r.keyId), rows: Number(r.rows) });
  }
  return out;
}
