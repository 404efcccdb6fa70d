import { randomInt } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { golfReservations, type GolfReservationRow } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { isUuid } from "@/lib/platform/validation/uuid";

// No 0/O, 1/I/L: a code read out over the phone must not be misheard.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** Six characters a caller can write down; unique across all accounts (the column's UNIQUE). */
export const newConfirmationCode = () => Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");

/** SQLSTATE 23505 (unique violation) from either driver, looking through Drizzle's wrapper. */
export function isUniqueViolation(e: unknown): boolean {
  for (let cur = e, hops = 0; typeof cur === "object" && cur !== null && hops < 3; cur = (cur as { cause?: unknown }).cause, hops++) {
    if ((cur as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

export async function findByIdempotencyKey(db: Db, accountId: string, key: string | undefined): Promise<GolfReservationRow | null> {
  if (!key) return null;
  const [row] = await db
    .select()
    .from(golfReservations)
    .where(and(eq(golfReservations.accountId, accountId), eq(golfReservations.idempotencyKey, key)));
  return row ?? null;
}

/** The account's reservation by confirmation code (any case, spaces ignored) or id; 404 otherwise. */
export async function getOwnReservation(
  db: Db,
  accountId: string,
  ref: { confirmationCode?: string; reservationId?: string },
): Promise<GolfReservationRow> {
  const code = ref.confirmationCode?.replace(/[\s-]/g, "").toUpperCase();
  const where = code
    ? eq(golfReservations.confirmationCode, code)
    : ref.reservationId && isUuid(ref.reservationId)
      ? eq(golfReservations.id, ref.reservationId)
      : sql`false`;
  const [row] = await db
    .select()
    .from(golfReservations)
    .where(and(eq(golfReservations.accountId, accountId), where));
  if (!row) throw new AppError("not_found", "A reservation with that confirmation code was not found.");
  return row;
}

/**
 * Marks a booked reservation cancelled, exactly once: returns the row if this call cancelled it, null if
 * it was no longer booked (already cancelled by someone else).
 */
export async function markCancelled(db: Db, id: string): Promise<GolfReservationRow | null> {
  const [row] = await db
    .update(golfReservations)
    .set({ status: "cancelled", cancelledAt: new Date() })
    .where(and(eq(golfReservations.id, id), eq(golfReservations.status, "booked")))
    .returning();
  return row ?? null;
}
