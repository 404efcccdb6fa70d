import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { listDeadLetters } from "@/lib/domains/calls/dead-letters";

export const dynamic = "force-dynamic";

// GET /api/dead-letters?status=open&limit=50&cursor=<nextCursor> — work the sync job gave up on (admin only)
export const GET = withRoute(
  async ({ req, deps, principal }) => json(await listDeadLetters(deps, principal, Object.fromEntries(new URL(req.url).searchParams))),
  { scopes: ["admin"] },
);
