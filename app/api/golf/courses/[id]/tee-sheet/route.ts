import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { getTeeSheet } from "@/lib/domains/golf/get-tee-sheet";

export const dynamic = "force-dynamic";

// GET /api/golf/courses/{id}/tee-sheet?date=YYYY-MM-DD — every tee time of the day with who booked it
export const GET = withRoute(
  async ({ req, deps, principal, params }) =>
    json(await getTeeSheet(deps, principal, params.id!, Object.fromEntries(new URL(req.url).searchParams))),
  { scopes: ["golf:read"] },
);
