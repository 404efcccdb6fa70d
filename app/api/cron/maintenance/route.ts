import { json } from "@/lib/transports/http/respond";
import { withRoute } from "@/lib/transports/http/with-route";
import { runMaintenance } from "@/lib/composition/jobs/maintenance";

export const dynamic = "force-dynamic";

// GET /api/cron/maintenance — Vercel Cron (Authorization: Bearer $CRON_SECRET): expire cases, send due callbacks
export const GET = withRoute(async ({ deps }) => json(await runMaintenance(deps)), { cron: true });
