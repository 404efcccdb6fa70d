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
  // Loaded on first use: golf is not on the path of every /api/mcp request (scripts/route-bundles.ts).
  runRaw: async (args, ctx) => (await import("@/lib/domains/golf/cancel-reservation")).cancelReservation(ctx.deps, ctx.principal, args),
});
