import { cancelReservation } from "@/lib/domains/golf/cancel-reservation";
import { cancelReservationInput, cancelReservationOutput } from "@/lib/domains/golf/schemas";
import { defineTool } from "@/lib/transports/tools/define-tool";

export const golfCancelReservationTool = defineTool({
  name: "golf_cancel_reservation",
  title: "Cancel a golf reservation",
  description:
    "Cancels one of the account's reservations by its confirmation code (or reservationId) and frees its spots. Cancelling twice is harmless (alreadyCancelled). Returns a `message` to say. Needs golf:write.",
  input: cancelReservationInput,
  output: cancelReservationOutput,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  scopes: ["golf:write"],
  errors: "golf",
  runRaw: (args, ctx) => cancelReservation(ctx.deps, ctx.principal, args),
});
