import { withRoute, parseOrThrow } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { getHitlMetrics, metricsRangeQuery } from "@/lib/domains/metrics/hitl-metrics";

export const dynamic = "force-dynamic";

// GET /api/metrics/hitl?from&to — escalations per hour or day, time to answer, outcomes, per operator (admin only; default last 7 days)
export const GET = withRoute(
  async ({ req, deps, principal }) => {
    const range = parseOrThrow(metricsRangeQuery, Object.fromEntries(new URL(req.url).searchParams));
    return json(await getHitlMetrics(deps.db, principal.accountId, range), { headers: { "cache-control": "no-store" } });
  },
  { scopes: ["admin"] },
);
