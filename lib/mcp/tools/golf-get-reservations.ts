import { getReservations } from "@/lib/golf/get-reservations";
import { getReservationsInput, getReservationsOutput } from "@/lib/golf/schemas";
import { defineGolfTool } from "@/lib/mcp/golf-tool";

export const golfGetReservationsTool = defineGolfTool({
  name: "golf_get_reservations",
  title: "List golf reservations",
  description:
    "The account's golf reservations, upcoming and booked by default, soonest first; filter by the golfer's phone, email or name, status (booked | cancelled | all), includePast. Returns a `message` to say. Needs golf:read.",
  input: getReservationsInput,
  output: getReservationsOutput,
  annotations: { readOnlyHint: true, openWorldHint: false },
  scopes: ["golf:read"],
  run: (deps, principal, input) => getReservations(deps, principal, input),
});
