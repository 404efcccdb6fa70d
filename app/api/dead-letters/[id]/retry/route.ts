import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { retryDeadLetter } from "@/lib/domains/calls/dead-letters";

export const dynamic = "force-dynamic";

// POST /api/dead-letters/{id}/retry — sync the call once more now (admin only); 409 if it was already retried
export const POST = withRoute(async ({ deps, principal, params }) => json(await retryDeadLetter(deps, principal, params.id!)), {
  scopes: ["admin"],
});
