import { parseOrThrow, withRoute } from "@/lib/transports/http/with-route";
import { exportSheetCsv } from "@/lib/domains/sheets/export-csv";
import { exportCsvQuery } from "@/lib/domains/sheets/schemas";

export const dynamic = "force-dynamic";

// GET /api/sheets/export?tab=calls|escalations — the sheet's rows for this account as CSV (admin only)
export const GET = withRoute(
  async ({ req, deps, principal }) => {
    const { tab } = parseOrThrow(exportCsvQuery, Object.fromEntries(new URL(req.url).searchParams));
    const body = await exportSheetCsv(deps, principal, tab);
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="switchboard-${tab}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
  { scopes: ["admin"] },
);
