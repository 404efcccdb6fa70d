import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { recordAnswerReused } from "@/lib/domains/memory/suggestions";

export const dynamic = "force-dynamic";

// POST /api/memory/{id}/reused — an operator inserted this saved answer into a reply (counts it)
export const POST = withRoute(async ({ deps, principal, params }) => json(await recordAnswerReused(deps, principal, params.id!)), {
  scopes: ["hitl:answer"],
});
