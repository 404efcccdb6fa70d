import type { Deps } from "@/lib/platform/deps";
import { assertScope } from "@/lib/domains/auth/permissions";
import type { Principal } from "@/lib/domains/auth/principal";
import { cancelledMessage } from "@/lib/domains/golf/messages";
import { getOwnReservation } from "@/lib/domains/golf/reservations";
import { toPublicReservation } from "@/lib/domains/golf/reservation-view";
import { cancelReservationInput, type PublicReservation } from "@/lib/domains/golf/schemas";
import { parseOrThrow } from "@/lib/platform/validation/parse";

/** golf_cancel_reservation / POST /api/golf/reservations/{id}/cancel: the account's own reservations only. */
export async function cancelReservation(
  deps: Deps,
  principal: Principal,
  raw: unknown,
): Promise<{ message: string; alreadyCancelled: boolean; reservation: PublicReservation }> {
  assertScope(principal, "golf:write");
  const parsed = parseOrThrow(cancelReservationInput, raw ?? {});
  const row = await getOwnReservation(deps.db, principal.accountId, parsed);
  if (row.status === "cancelled")
    return { message: cancelledMessage(row, true), alreadyCancelled: true, reservation: toPublicReservation(row) };
  const provider = await deps.golf(principal.accountId, row.provider);
  const after = await provider.cancel(row);
  return { message: cancelledMessage(after, false), alreadyCancelled: false, reservation: toPublicReservation(after) };
}
