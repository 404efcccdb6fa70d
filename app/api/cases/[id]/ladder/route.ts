import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { getCaseLadder } from "@/lib/domains/channels/case-ladder";

export const dynamic = "force-dynamic";

// GET /api/cases/{id}/ladder — the escalation steps taken for a case: when, which channel, what came of it (answerers)
export const GET = withRoute(async ({ deps, principal, params }) => json(await getCaseLadder(deps, principal, params.id!)), {
  scopes: ["hitl:answer"],
});
