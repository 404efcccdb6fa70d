import { json } from "@/lib/transports/http/respond";
import { withRoute } from "@/lib/transports/http/with-route";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

// GET /api/cron/sheets — Vercel Cron (Authorization: Bearer $CRON_SECRET): send the Sheets outbox (lease-locked, time-boxed)
export const GET = withRoute(async ({ deps }) => json(await deps.sheets.run()), { cron: true });
