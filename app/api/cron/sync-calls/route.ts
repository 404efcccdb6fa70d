import { runSyncCalls } from "@/lib/domains/calls/sync-calls";
import { json } from "@/lib/transports/http/respond";
import { withRoute } from "@/lib/transports/http/with-route";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

// GET /api/cron/sync-calls — Vercel Cron (Authorization: Bearer $CRON_SECRET): reconcile calls not yet final
export const GET = withRoute(async ({ deps }) => json(await runSyncCalls(deps)), { cron: true });
