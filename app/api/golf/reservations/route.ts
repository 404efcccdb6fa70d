import { withRoute } from "@/lib/http/with-route";
import { json } from "@/lib/http/respond";
import { getReservations } from "@/lib/golf/get-reservations";
import { reservationsQuery } from "@/lib/golf/reservations-query";

export const dynamic = "force-dynamic";

// GET /api/golf/reservations?status=booked|cancelled|all&includePast=true&phone=&email=&name=&limit= — soonest first
export const GET = withRoute(async ({ req, deps, principal }) => json(await getReservations(deps, principal, reservationsQuery(new URL(req.url).searchParams))), { scopes: ["golf:read"] });
