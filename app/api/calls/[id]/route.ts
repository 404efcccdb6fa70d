import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { getCallDetails } from "@/lib/domains/calls/get-call";

export const dynamic = "force-dynamic";

// GET /api/calls/{id} — status, timings, cost, summary and transcript
export const GET = withRoute(async ({ deps, principal, params }) => json(await getCallDetails(deps, principal, params.id!)), {
  scopes: ["calls:read"],
});
