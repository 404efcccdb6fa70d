import { getReservationsInput, getReservationsOutput } from "@/lib/domains/golf/schemas";
import { defineTool } from "@/lib/transports/tools/define-tool";

export const golfGetReservationsTool = defineTool({
  name: "golf_get_reservations",
  title: "List golf reservations",
  description:
    "The account's golf reservations, upcoming and booked by default, soonest first; filter by the golfer's phone, email or name, status (booked | cancelled | all), includePast. Returns a `message` to say. Needs golf:read.",
  input: getReservationsInput,
  output: getReservationsOutput,
  annotations: { readOnlyHint: true, openWorldHint: false },
  scopes: ["golf:read"],
  errors: "golf",
  // Loaded on first use: golf is not on the path of every /api/mcp request (scripts/route-bundles.ts).
  runRaw: async (args, ctx) => (await import("@/lib/domains/golf/get-reservations")).getReservations(ctx.deps, ctx.principal, args),
});
