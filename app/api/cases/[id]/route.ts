import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { getCaseForPrincipal } from "@/lib/domains/hitl/get-case";

export const dynamic = "force-dynamic";

// GET /api/cases/{id} — one case of the caller's account (404 otherwise)
export const GET = withRoute(
  async ({ deps, principal, params }) => {
    return json(await getCaseForPrincipal(deps, principal, params.id!));
  },
  { scopes: ["hitl:ask", "hitl:answer"] },
);
