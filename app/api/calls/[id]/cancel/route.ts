import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { cancelCall } from "@/lib/domains/calls/cancel-call";

export const dynamic = "force-dynamic";

// POST /api/calls/{id}/cancel — stop the call and release its hold (a final call is returned unchanged)
export const POST = withRoute(async ({ deps, principal, params }) => json(await cancelCall(deps, principal, params.id!)), {
  scopes: ["calls:write"],
});
