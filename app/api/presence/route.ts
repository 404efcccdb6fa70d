import { withRoute, parseOrThrow } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { countAnswerersOnline, heartbeat } from "@/lib/domains/presence/presence";
import { presenceInput } from "@/lib/domains/auth/schemas";

export const dynamic = "force-dynamic";

// POST /api/presence {status?: "online"|"away"} — heartbeat; answerers count as online while it is fresh
export const POST = withRoute(
  async ({ req, deps, principal }) => {
    const input = parseOrThrow(presenceInput, await readJson(req, { optional: true }));
    return json(await heartbeat(deps, principal, input.status));
  },
  { scopes: ["hitl:answer"] },
);

// GET /api/presence — how many answerers are online
export const GET = withRoute(async ({ deps, principal }) => json(await countAnswerersOnline(deps, principal.accountId)), {
  scopes: ["hitl:ask", "hitl:answer"],
});
