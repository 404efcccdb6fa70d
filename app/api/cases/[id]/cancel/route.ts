import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { cancelCase } from "@/lib/domains/hitl/close-case";

export const dynamic = "force-dynamic";

// POST /api/cases/{id}/cancel — withdraw an open or claimed case (a final case is returned unchanged)
export const POST = withRoute(
  async ({ deps, principal, params }) => {
    return json(await cancelCase(deps, principal, params.id!));
  },
  { scopes: ["hitl:ask", "hitl:answer"] },
);
