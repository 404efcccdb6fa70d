import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { getReservations } from "@/lib/domains/golf/get-reservations";
import { reservationsQuery } from "@/lib/domains/golf/reservations-query";

export const dynamic = "force-dynamic";

// GET /api/golf/reservations?status=booked|cancelled|all&includePast=true&phone=&email=&name=&limit= — soonest first
export const GET = withRoute(
  async ({ req, deps, principal }) => json(await getReservations(deps, principal, reservationsQuery(new URL(req.url).searchParams))),
  { scopes: ["golf:read"] },
);
