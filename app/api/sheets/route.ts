import { json } from "@/lib/transports/http/respond";
import { withRoute } from "@/lib/transports/http/with-route";
import { getSheetsStatus } from "@/lib/domains/sheets/status";

export const dynamic = "force-dynamic";

// GET /api/sheets — the Google Sheets log's health: breaker, backlog, rows written, requests per minute against the quota (admin only)
export const GET = withRoute(async ({ deps, principal }) => json(await getSheetsStatus(deps, principal)), { scopes: ["admin"] });
