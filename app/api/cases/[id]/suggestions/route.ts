import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { suggestAnswersForCase } from "@/lib/domains/memory/suggestions";

export const dynamic = "force-dynamic";

// GET /api/cases/{id}/suggestions — the best matching saved answers for the operator answering this case
export const GET = withRoute(async ({ deps, principal, params }) => json(await suggestAnswersForCase(deps, principal, params.id!)), {
  scopes: ["hitl:answer"],
});
