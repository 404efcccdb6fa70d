import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readText } from "@/lib/transports/http/read-body";
import { importMemoryEntries } from "@/lib/domains/memory/import-export";

export const dynamic = "force-dynamic";

/** An FAQ of a few thousand entries fits; past this the request is a 413. */
const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

// POST /api/memory/import — CSV (content-type text/csv) or JSON ({entries:[…]} or an array); all or nothing
export const POST = withRoute(
  async ({ req, deps, principal }) => {
    const format = /text\/csv/i.test(req.headers.get("content-type") ?? "") ? "csv" : "json";
    return json(await importMemoryEntries(deps, principal, { format, text: await readText(req, MAX_IMPORT_BYTES) }), { status: 201 });
  },
  { scopes: ["admin"] },
);
