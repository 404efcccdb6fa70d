import { z } from "zod";
import { withRoute, parseOrThrow } from "@/lib/http/with-route";
import { json } from "@/lib/http/respond";
import { listDeadLetters } from "@/lib/calls/dead-letters";

export const dynamic = "force-dynamic";

const query = z.object({
  status: z.enum(["open", "retried", "resolved"], { message: "must be open, retried or resolved" }).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  before: z.string().max(40).optional(),
});

// GET /api/dead-letters?status=open&limit=50&before=<createdAt> — work the sync job gave up on (admin only)
export const GET = withRoute(async ({ req, deps, principal }) => {
  const q = parseOrThrow(query, Object.fromEntries(new URL(req.url).searchParams));
  return json(await listDeadLetters(deps, principal, q));
}, { scopes: ["admin"] });
