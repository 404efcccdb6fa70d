import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { claimCase } from "@/lib/domains/hitl/claim-case";

export const dynamic = "force-dynamic";

// POST /api/cases/{id}/claim — one winner; 409 names who holds it
export const POST = withRoute(
  async ({ deps, principal, params }) => {
    return json(await claimCase(deps, principal, params.id!));
  },
  { scopes: ["hitl:answer"] },
);
