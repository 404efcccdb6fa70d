import { withRoute } from "@/lib/http/with-route";
import { json } from "@/lib/http/respond";
import { cancelCall } from "@/lib/calls/cancel-call";

export const dynamic = "force-dynamic";

// POST /api/calls/{id}/cancel — stop the call and release its hold (a final call is returned unchanged)
export const POST = withRoute(async ({ deps, principal, params }) => json(await cancelCall(deps, principal, params.id!)), { scopes: ["calls:write"] });
