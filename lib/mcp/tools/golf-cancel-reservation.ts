import { cancelReservation } from "@/lib/golf/cancel-reservation";
import { cancelReservationInput, cancelReservationOutput } from "@/lib/golf/schemas";
import { defineGolfTool } from "@/lib/mcp/golf-tool";

export const golfCancelReservationTool = defineGolfTool({
  name: "golf_cancel_reservation",
  title: "Cancel a golf reservation",
  description:
    "Cancels one of the account's reservations by its confirmation code (or reservationId) and frees its spots. Cancelling twice is harmless (alreadyCancelled). Returns a `message` to say. Needs golf:write.",
  input: cancelReservationInput,
  output: cancelReservationOutput,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  scopes: ["golf:write"],
  run: (deps, principal, input) => cancelReservation(deps, principal, input),
});
