import type { Deps } from "@/lib/platform/deps";
import { assertScope } from "@/lib/domains/auth/permissions";
import type { Principal } from "@/lib/domains/auth/principal";
import { AppError } from "@/lib/platform/errors";
import { bookedMessage } from "@/lib/domains/golf/messages";
import { findByIdempotencyKey } from "@/lib/domains/golf/reservations";
import { toPublicReservation } from "@/lib/domains/golf/reservation-view";
import { bookTeeTimeInput, type PublicReservation } from "@/lib/domains/golf/schemas";
import { parseOrThrow } from "@/lib/platform/validation/parse";

export type BookResult = { message: string; replayed: boolean; reservation: PublicReservation };

/**
 * golf_book_tee_time: books a slot from a search. A retry with the same idempotencyKey returns the
 * reservation the key already made (nothing is booked twice); a key reused for another slot is refused.
 */
export async function bookTeeTime(deps: Deps, principal: Principal, raw: unknown): Promise<BookResult> {
  assertScope(principal, "golf:write");
  const input = parseOrThrow(bookTeeTimeInput, raw ?? {});
  const existing = await findByIdempotencyKey(deps.db, principal.accountId, input.idempotencyKey);
  const provider = existing ? null : await deps.golf(principal.accountId);
  const { row, replayed } = existing ? { row: existing, replayed: true } : await provider!.book(principal, input);
  if (replayed && (row.players !== input.players || !sameSlot(row, input.slotId))) {
    throw new AppError("conflict", "That idempotencyKey was already used for a different booking; use a new key for a new booking.", {
      reservationId: row.id,
    });
  }
  return { message: bookedMessage(row), replayed, reservation: toPublicReservation(row) };
}

const sameSlot = (row: { teeTimeId: string | null; externalId: string | null; provider: string }, slotId: string) =>
  row.provider === "embedded" ? row.teeTimeId === slotId : true;
