import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { cancelReservation } from "@/lib/domains/golf/cancel-reservation";

export const dynamic = "force-dynamic";

// POST /api/golf/reservations/{id}/cancel — cancels the account's reservation and frees its spots
export const POST = withRoute(
  async ({ deps, principal, params }) => json(await cancelReservation(deps, principal, { reservationId: params.id })),
  { scopes: ["golf:write"] },
);
