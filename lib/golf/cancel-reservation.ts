import type { Deps } from "@/lib/deps";
import { assertScope } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { AppError, describeIssues } from "@/lib/errors";
import { cancelledMessage } from "@/lib/golf/messages";
import { getOwnReservation } from "@/lib/golf/reservations";
import { toPublicReservation } from "@/lib/golf/reservation-view";
import { cancelReservationInput, type PublicReservation } from "@/lib/golf/schemas";

/** golf_cancel_reservation / POST /api/golf/reservations/{id}/cancel: the account's own reservations only. */
export async function cancelReservation(deps: Deps, principal: Principal, raw: unknown): Promise<{ message: string; alreadyCancelled: boolean; reservation: PublicReservation }> {
  assertScope(principal, "golf:write");
  const parsed = cancelReservationInput.safeParse(raw ?? {});
  if (!parsed.success) throw new AppError("validation_failed", describeIssues(parsed.error.issues));
  const row = await getOwnReservation(deps.db, principal.accountId, parsed.data);
  if (row.status === "cancelled") return { message: cancelledMessage(row, true), alreadyCancelled: true, reservation: toPublicReservation(row) };
  const provider = await deps.golf(principal.accountId, row.provider);
  const after = await provider.cancel(row);
  return { message: cancelledMessage(after, false), alreadyCancelled: false, reservation: toPublicReservation(after) };
}
