import { parseOrThrow, withRoute } from "@/lib/transports/http/with-route";
import { exportMemoryEntries } from "@/lib/domains/memory/import-export";
import { exportMemoryQuery } from "@/lib/domains/memory/schemas";

export const dynamic = "force-dynamic";

// GET /api/memory/export?format=csv|json — every saved answer of the account (admin only)
export const GET = withRoute(
  async ({ req, deps, principal }) => {
    const { format } = parseOrThrow(exportMemoryQuery, Object.fromEntries(new URL(req.url).searchParams));
    const out = await exportMemoryEntries(deps, principal, format);
    return new Response(out.body, {
      headers: {
        "content-type": out.contentType,
        "content-disposition": `attachment; filename="switchboard-answers.${format}"`,
        "cache-control": "no-store",
      },
    });
  },
  { scopes: ["admin"] },
);
