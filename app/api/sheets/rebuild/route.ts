import { json } from "@/lib/transports/http/respond";
import { withRoute } from "@/lib/transports/http/with-route";
import { rebuildSheet } from "@/lib/domains/sheets/rebuild";

export const dynamic = "force-dynamic";

// POST /api/sheets/rebuild — clear the sheet and rewrite every call and case from the database (admin only; progress in GET /api/sheets)
export const POST = withRoute(async ({ deps, principal }) => json(await rebuildSheet(deps, principal), { status: 202 }), {
  scopes: ["admin"],
});
