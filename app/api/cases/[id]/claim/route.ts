import { withRoute } from "@/lib/http/with-route";
import { json } from "@/lib/http/respond";
import { claimCase } from "@/lib/hitl/claim-case";
import { presentCase } from "@/lib/hitl/case-view";

export const dynamic = "force-dynamic";

// POST /api/cases/{id}/claim — one winner; 409 names who holds it
export const POST = withRoute(async ({ deps, principal, params }) => {
  return json(await presentCase(deps.db, await claimCase(deps, principal, params.id!)));
}, { scopes: ["hitl:answer"] });
